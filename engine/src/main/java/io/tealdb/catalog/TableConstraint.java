package io.tealdb.catalog;

import java.util.List;

/** Table-level constraints; NOT NULL lives on {@link ColumnDefinition}. Column lists are column indexes. */
public sealed interface TableConstraint {
    record PrimaryKey(List<Integer> columns) implements TableConstraint {
    }

    record Unique(List<Integer> columns) implements TableConstraint {
    }

    /** CHECK (expression) as SQL text. */
    record Check(String sql) implements TableConstraint {
    }

    record ForeignKey(List<Integer> columns, String referencedSchema, String referencedTable,
                      List<String> referencedColumns) implements TableConstraint {
    }
}
