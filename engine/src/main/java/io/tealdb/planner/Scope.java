package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names visible in one query level: the FROM items (each with an alias and columns) and the
 * columns merged by USING/NATURAL joins. {@code outer} is the scope of the enclosing query, searched
 * (with depth + 1) for correlated references.
 */
final class Scope {
    /** One FROM item as seen by name resolution. */
    record Table(String alias, String schema, List<String> names, List<LogicalType> types, List<ColumnBinding> bindings,
                 boolean[] hiddenInStar) {
        int indexOf(String column) {
            for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(column)) return i;
            return -1;
        }

        BoundColumnRef ref(int i, int depth) {
            return new BoundColumnRef(bindings.get(i), types.get(i), names.get(i), depth);
        }
    }

    /** A column merged by USING: its unqualified name resolves to {@code expr} (left side, or COALESCE for FULL). */
    record UsingColumn(String name, BoundExpr expr, ColumnBinding origin) {
    }

    final Scope outer;
    /** True for the scope a LATERAL right side sees: the left side's columns, one level out. */
    boolean lateralSource;
    final List<Table> tables = new ArrayList<>();
    final Map<String, UsingColumn> using = new LinkedHashMap<>();
    /** Correlated references resolved through this scope into an outer scope (depth relative to this scope). */
    final List<BoundColumnRef> correlated = new ArrayList<>();
    /**
     * The select-list aliases of the query this scope is the FROM of (lower-case name → expression),
     * for subqueries that name them ({@code SELECT a AS x, (SELECT .. WHERE t.b = x)}); null if none.
     */
    Map<String, io.tealdb.parser.ast.Expr> selectAliases;

    Scope(Scope outer) {
        this.outer = outer;
    }

    /**
     * Adds a FROM item. Duplicate aliases are allowed (as in DuckDB) as long as qualified
     * references stay unambiguous; {@link #findTables} reports the ambiguity when it matters.
     */
    void add(Table t, int pos) {
        tables.add(t);
    }

    void addAll(Scope other) {
        tables.addAll(other.tables);
        using.putAll(other.using);
    }

    Table findTable(String schema, String alias) {
        List<Table> all = findTables(schema, alias);
        return all.isEmpty() ? null : all.get(0);
    }

    List<Table> findTables(String schema, String alias) {
        List<Table> out = new ArrayList<>();
        for (Table t : tables) {
            if (t.alias != null && t.alias.equalsIgnoreCase(alias)
                    && (schema == null || (t.schema != null && t.schema.equalsIgnoreCase(schema)))) {
                out.add(t);
            }
        }
        return out;
    }

    /** Looks up an unqualified column in this level only: null if absent; throws if ambiguous. */
    BoundExpr lookupLocal(String column, int depth, int pos) {
        UsingColumn u = using.get(column.toLowerCase(Locale.ROOT));
        if (u != null) return depth == 0 ? u.expr : withDepth(u.expr, depth);
        Table found = null;
        int index = -1;
        List<String> ambiguous = null;
        for (Table t : tables) {
            int i = t.indexOf(column);
            if (i < 0) continue;
            if (found != null) {
                if (ambiguous == null) {
                    ambiguous = new ArrayList<>();
                    ambiguous.add(qualified(found, column));
                }
                ambiguous.add(qualified(t, column));
                continue;
            }
            found = t;
            index = i;
        }
        if (ambiguous != null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ambiguous.size(); i++) {
                if (i > 0) sb.append(i == ambiguous.size() - 1 ? " or " : ", ");
                sb.append('\'').append(ambiguous.get(i)).append('\'');
            }
            throw new BinderException("Ambiguous reference to column name \"" + column + "\" (use: " + sb + ")", pos);
        }
        return found == null ? null : found.ref(index, depth);
    }

    private static String qualified(Table t, String column) {
        return (t.alias == null ? "" : t.alias + ".") + t.names.get(t.indexOf(column));
    }

    private static BoundExpr withDepth(BoundExpr e, int depth) {
        return BoundExprs.rewrite(e, n -> n instanceof BoundColumnRef c
                ? new BoundColumnRef(c.binding(), c.type(), c.name(), c.depth() + depth) : null);
    }

    /** Every column as "alias.name" (for candidate lists in errors). */
    List<String> candidates() {
        List<String> out = new ArrayList<>();
        for (Table t : tables) {
            for (int i = 0; i < t.names.size(); i++) {
                if (t.bindings.get(i).columnIndex() < 0) continue; // rowid
                String n = t.names.get(i);
                out.add(t.alias == null || tables.size() == 1 ? n : t.alias + "." + n);
            }
        }
        return out;
    }
}
