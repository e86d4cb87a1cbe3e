package io.tealdb;

import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * Resolves table names the catalog does not know to data sources, as DuckDB's replacement scans do
 * (its Python client finds a DataFrame named in SQL among the caller's variables this way). Set one
 * per connection with {@link Connection#setReplacementScan}; the binder calls it only after CTEs,
 * registered sources, tables and views of that name were looked for, on the thread binding the query.
 */
@FunctionalInterface
public interface ReplacementScan {
    /** A data source for the unqualified table name {@code name}, or null to report the table missing. */
    Source resolve(String name);

    /** A table function instance (e.g. module tealdb-arrow's Arrow scan) with its column names and types. */
    record Source(TableFunction function, List<String> names, List<LogicalType> types) {
        public Source {
            names = List.copyOf(names);
            types = List.copyOf(types);
        }
    }
}
