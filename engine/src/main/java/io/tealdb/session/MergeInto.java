package io.tealdb.session;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.parser.ast.BaseTableRef;
import io.tealdb.parser.ast.BinaryOp;
import io.tealdb.parser.ast.BinaryOperator;
import io.tealdb.parser.ast.ColumnRef;
import io.tealdb.parser.ast.ConflictAction;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.Insert;
import io.tealdb.parser.ast.Merge;
import io.tealdb.parser.ast.QualifiedName;
import io.tealdb.parser.ast.SelectItem;
import io.tealdb.parser.ast.SelectNode;
import io.tealdb.parser.ast.SetClause;
import io.tealdb.parser.ast.Star;
import io.tealdb.parser.ast.Update;
import io.tealdb.planner.Binder;
import io.tealdb.planner.BinderCatalog;
import io.tealdb.planner.BinderEnvironment;
import io.tealdb.planner.BoundInsert;
import io.tealdb.planner.BoundMerge;
import io.tealdb.planner.BoundUpdate;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.TableSchema;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MERGE INTO. The bound plan joins source and target once (the snapshot before the statement) and
 * tags each joined row with the WHEN clause that applies to it; the rows of each clause are then
 * applied as a DELETE by row id, an UPDATE joined with the clause's new values by row id, or an
 * INSERT of its values, through the regular DML paths so that constraints, defaults and foreign
 * keys are checked as for those statements. The statement runs inside one statement savepoint, so
 * a failing clause undoes the others.
 */
final class MergeInto {
    private static final String ROWS = "__merge_rows";
    private final ClientContextImpl ctx;
    private final Statements statements;

    MergeInto(ClientContextImpl ctx, Statements statements) {
        this.ctx = ctx;
        this.statements = statements;
    }

    QueryResult run(Merge m, Transaction txn, List<Value> params) {
        BoundMerge bound = (BoundMerge) ctx.binder(txn, params).bind(m);
        if (!m.returning().isEmpty()) throw new NotImplementedException("MERGE INTO ... RETURNING is not supported yet", m.pos());
        List<DataChunk> joined = ctx.collect(bound.plan(), txn);
        List<LogicalType> types = bound.plan().types();
        long count = 0;
        List<List<DataChunk>> perAction = new ArrayList<>();
        for (int k = 0; k < bound.actions().size(); k++) perAction.add(new ArrayList<>());
        for (DataChunk c : joined) {
            Vector action = c.column(0);
            int[][] sel = new int[bound.actions().size()][c.size()];
            int[] counts = new int[bound.actions().size()];
            for (int r = 0; r < c.size(); r++) {
                if (action.isNull(r)) continue;
                int k = action.ints[r];
                sel[k][counts[k]++] = r;
            }
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] > 0) perAction.get(k).add(c.gather(sel[k], counts[k]));
            }
        }
        for (int k = 0; k < bound.actions().size(); k++) {
            BoundMerge.Action a = bound.actions().get(k);
            if (a.kind() == io.tealdb.parser.ast.MergeAction.MergeActionKind.ERROR && !perAction.get(k).isEmpty()) {
                DataChunk c = perAction.get(k).get(0);
                String message = a.valueCount() == 0 || c.column(a.firstValue()).isNull(0) ? ""
                        : ": " + c.column(a.firstValue()).getObject(0);
                throw new InvalidInputException("Merge error condition" + message);
            }
        }
        // deletes first: they free keys that inserts of the same statement may reuse
        for (int k = 0; k < bound.actions().size(); k++) {
            if (bound.actions().get(k).kind() == io.tealdb.parser.ast.MergeAction.MergeActionKind.DELETE) {
                count += delete(bound.table(), perAction.get(k), txn);
            }
        }
        for (int k = 0; k < bound.actions().size(); k++) {
            BoundMerge.Action a = bound.actions().get(k);
            List<DataChunk> rows = perAction.get(k);
            if (rows.isEmpty()) continue;
            switch (a.kind()) {
                case UPDATE -> count += update(bound, a, rows, types, txn, params);
                case INSERT -> count += insert(bound, a, rows, types, txn, params);
                case DELETE, DO_NOTHING, ERROR -> {
                }
            }
        }
        return QueryResultImpl.updateCount(count);
    }

    private long delete(TableEntry table, List<DataChunk> rows, Transaction txn) {
        ForeignKeys fks = new ForeignKeys(ctx, txn);
        boolean referenced = fks.isReferenced(table);
        long n = 0;
        for (DataChunk c : rows) {
            long[] ids = Arrays.copyOf(c.column(1).longs, c.size());
            if (referenced) fks.checkDelete(table, DmlReturning.rowsById(ctx, txn, table, ids, ids.length));
            n += table.storage().delete(txn, ids, ids.length);
        }
        return n;
    }

    /** {@code UPDATE target SET c = __merge_rows.v_i .. FROM __merge_rows WHERE target.rowid = __merge_rows.__rowid}. */
    private long update(BoundMerge bound, BoundMerge.Action a, List<DataChunk> rows, List<LogicalType> types, Transaction txn,
                        List<Value> params) {
        int pos = 0;
        List<String> names = new ArrayList<>();
        List<LogicalType> scratchTypes = new ArrayList<>();
        names.add("__rowid");
        scratchTypes.add(LogicalType.BIGINT);
        for (int i = 0; i < a.valueCount(); i++) {
            names.add("v" + i);
            scratchTypes.add(types.get(a.firstValue() + i));
        }
        TableEntry scratch = scratch(names, scratchTypes, rows, 1, a, txn);
        TableEntry table = bound.table();
        String targetName = bound.alias() != null ? bound.alias().text() : table.name();
        List<SetClause> sets = new ArrayList<>();
        for (int i = 0; i < a.columns().size(); i++) {
            sets.add(new SetClause(List.of(new Identifier(a.columns().get(i), true, pos)), scratchColumn("v" + i), pos));
        }
        Expr where = new BinaryOp(BinaryOperator.EQUAL,
                new ColumnRef(List.of(new Identifier(targetName, true, pos), new Identifier("rowid", false, pos)), pos),
                scratchColumn("__rowid"), pos);
        Update u = new Update(null, qualified(table), bound.alias(), sets,
                new BaseTableRef(new QualifiedName(List.of(new Identifier(ROWS, true, pos)), pos), null, pos), where, List.of(), pos);
        BoundUpdate bu = (BoundUpdate) new Binder(withScratch(ctx.environment(txn), scratch), params).bind(u);
        return statements.runUpdate(bu, txn, null, null);
    }

    /** {@code INSERT INTO target [(columns)] SELECT * FROM __merge_rows}. */
    private long insert(BoundMerge bound, BoundMerge.Action a, List<DataChunk> rows, List<LogicalType> types, Transaction txn,
                        List<Value> params) {
        int pos = 0;
        TableEntry table = bound.table();
        List<Identifier> columns = new ArrayList<>();
        for (String c : a.columns()) columns.add(new Identifier(c, true, pos));
        if (a.defaultValues()) {
            long n = 0;
            for (DataChunk c : rows) {
                for (int r = 0; r < c.size(); r++) {
                    Insert ins = new Insert(null, qualified(table), null, ConflictAction.NONE, false, List.of(), null, null, List.of(), pos);
                    statements.insert((BoundInsert) ctx.binder(txn, params).bind(ins), txn);
                    n++;
                }
            }
            return n;
        }
        List<String> names = new ArrayList<>();
        List<LogicalType> scratchTypes = new ArrayList<>();
        for (int i = 0; i < a.valueCount(); i++) {
            names.add("v" + i);
            scratchTypes.add(types.get(a.firstValue() + i));
        }
        TableEntry scratch = scratch(names, scratchTypes, rows, -1, a, txn);
        SelectNode select = new SelectNode(null, false, List.of(),
                List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), pos), null, pos)),
                new BaseTableRef(new QualifiedName(List.of(new Identifier(ROWS, true, pos)), pos), null, pos),
                null, null, null, List.of(), null, List.of(), null, pos);
        Insert ins = new Insert(null, qualified(table), null, ConflictAction.NONE, false, columns, select, null, List.of(), pos);
        BoundInsert bi = (BoundInsert) new Binder(withScratch(ctx.environment(txn), scratch), params).bind(ins);
        long n = 0;
        for (DataChunk c : rows) n += c.size();
        statements.insert(bi, txn);
        return n;
    }

    private static QualifiedName qualified(TableEntry table) {
        return new QualifiedName(List.of(new Identifier(table.schema(), true, 0), new Identifier(table.name(), true, 0)), 0);
    }

    private static ColumnRef scratchColumn(String name) {
        return new ColumnRef(List.of(new Identifier(ROWS, true, 0), new Identifier(name, true, 0)), 0);
    }

    /** A transaction-local table holding the row ids (column 1 of the joined rows, if rowidColumn &gt; 0) and the action's values. */
    private static TableEntry scratch(List<String> names, List<LogicalType> types, List<DataChunk> rows, int rowidColumn,
                                      BoundMerge.Action a, Transaction txn) {
        DataTable data = DataTable.create(TableSchema.of(ROWS, names, types));
        for (DataChunk c : rows) {
            Vector[] cols = new Vector[names.size()];
            int at = 0;
            if (rowidColumn > 0) cols[at++] = c.column(rowidColumn);
            for (int i = 0; i < a.valueCount(); i++) cols[at++] = c.column(a.firstValue() + i);
            data.append(txn, new DataChunk(cols, c.size()));
        }
        List<ColumnDefinition> defs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) defs.add(new ColumnDefinition(names.get(i), types.get(i), false, null));
        return new TableEntry("main", ROWS, defs, List.of(), data);
    }

    /** The environment with {@code scratch} visible by its name in front of the catalog. */
    private static BinderEnvironment withScratch(BinderEnvironment env, TableEntry scratch) {
        BinderCatalog base = env.catalog();
        BinderCatalog overlay = new TableOverlayCatalog(base, (schema, name) -> schema == null && name.equals(scratch.name()) ? scratch : null);
        return new BinderEnvironment(overlay, env.functions(), env.queryParser(), env.expressionParser(), env.nullOrder(),
                env.variables(), env.constantEvaluator(), env.settings(), env.queryRunner());
    }
}
