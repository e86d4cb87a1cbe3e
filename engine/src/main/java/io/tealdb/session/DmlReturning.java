package io.tealdb.session;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.parser.ast.BaseTableRef;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.SelectItem;
import io.tealdb.parser.ast.SelectNode;
import io.tealdb.parser.ast.TableAlias;
import io.tealdb.planner.Binder;
import io.tealdb.planner.BinderCatalog;
import io.tealdb.planner.BinderEnvironment;
import io.tealdb.planner.BoundQuery;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.TableSchema;
import io.tealdb.storage.Transaction;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RETURNING of INSERT/UPDATE/DELETE: the affected rows (full table rows) are copied into a scratch
 * table that takes the target table's name for one SELECT of the RETURNING list, so the list binds
 * exactly like a query over the table (stars, expressions, subqueries, aliases).
 */
final class DmlReturning {
    private DmlReturning() {
    }

    /** Whether a statement's RETURNING list is present. */
    static boolean present(List<SelectItem> items) {
        return items != null && !items.isEmpty();
    }

    /** Evaluates {@code items} over {@code rows} (chunks with one vector per column of {@code table}). */
    static QueryResult evaluate(ClientContextImpl ctx, Transaction txn, List<Value> params, TableEntry table, Identifier alias,
                                List<SelectItem> items, List<DataChunk> rows, int pos) {
        List<String> names = table.columns().stream().map(ColumnDefinition::name).toList();
        DataTable scratch = DataTable.create(TableSchema.of(table.name(), names, table.types()));
        for (DataChunk c : rows) {
            if (c.size() > 0) scratch.append(txn, c);
        }
        TableEntry view = new TableEntry(table.schema(), table.name(), table.columns(), List.of(), scratch);
        BinderEnvironment env = ctx.environment(txn);
        BinderCatalog base = env.catalog();
        BinderCatalog overlay = new TableOverlayCatalog(base, (schema, name) ->
                name.equalsIgnoreCase(table.name()) && (schema == null || schema.equalsIgnoreCase(table.schema())) ? view : null);
        BinderEnvironment scoped = new BinderEnvironment(overlay, env.functions(), env.queryParser(), env.expressionParser(),
                env.nullOrder(), env.variables(), env.constantEvaluator(), env.settings());
        io.tealdb.parser.ast.QualifiedName qn = new io.tealdb.parser.ast.QualifiedName(
                List.of(new Identifier(table.schema(), true, pos), new Identifier(table.name(), true, pos)), pos);
        TableAlias tableAlias = alias == null ? null : new TableAlias(alias, List.of(), pos);
        SelectNode select = new SelectNode(null, false, List.of(), items, new BaseTableRef(qn, tableAlias, pos), null, null, null,
                List.of(), null, List.of(), null, pos);
        BoundQuery q = new Binder(scoped, params).bindQuery(select);
        return QueryResultImpl.materializedChunks(q.names(), q.types(), ctx.collect(q.plan(), txn));
    }

    /** The current rows (all columns) of {@code table} with the given row ids, in the order of {@code ids}. */
    static List<DataChunk> rowsById(ClientContextImpl ctx, Transaction txn, TableEntry table, long[] ids, int count) {
        List<Integer> columnIds = new ArrayList<>();
        columnIds.add(LogicalGet.ROW_ID);
        for (int i = 0; i < table.columns().size(); i++) columnIds.add(i);
        Map<Long, Integer> wanted = new HashMap<>();
        for (int i = 0; i < count; i++) wanted.putIfAbsent(ids[i], i);
        DataChunk out = new DataChunk(table.types(), Math.max(1, count));
        boolean[] found = new boolean[count];
        for (DataChunk c : ctx.collect(new LogicalGet(0, table, columnIds, List.of()), txn)) {
            long[] rowIds = c.column(0).longs;
            for (int r = 0; r < c.size(); r++) {
                Integer at = wanted.get(rowIds[r]);
                if (at == null) continue;
                found[at] = true;
                for (int k = 0; k < table.columns().size(); k++) out.column(k).copyRow(c.column(k + 1), r, at);
            }
        }
        // compact: keep found rows in id order
        int n = 0;
        int[] sel = new int[count];
        for (int i = 0; i < count; i++) if (found[i]) sel[n++] = i;
        out.setSize(count);
        return List.of(out.gather(sel, n));
    }
}
