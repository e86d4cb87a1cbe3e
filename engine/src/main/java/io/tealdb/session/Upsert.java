package io.tealdb.session;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.parser.ParserException;
import io.tealdb.parser.ast.ColumnRef;
import io.tealdb.parser.ast.ConflictAction;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.Insert;
import io.tealdb.parser.ast.OnConflict;
import io.tealdb.parser.ast.SetClause;
import io.tealdb.planner.BoundInsert;
import io.tealdb.planner.BoundUpdate;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.TableSchema;
import io.tealdb.storage.Transaction;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * INSERT ... ON CONFLICT DO NOTHING / DO UPDATE and the INSERT OR IGNORE / OR REPLACE shorthands.
 * The proposed rows are materialized and matched against the keys of the existing rows; rows
 * without a conflict are appended, conflicting ones are skipped or turned into an UPDATE joined
 * with the proposed rows (visible as {@code excluded}). Proposed rows that repeat a key of an
 * earlier proposed row are applied in a later round, so they see the earlier row as existing
 * (DuckDB's sequential semantics for inner conflicts).
 */
final class Upsert {
    private final ClientContextImpl ctx;
    private final Statements statements;

    Upsert(ClientContextImpl ctx, Statements statements) {
        this.ctx = ctx;
        this.statements = statements;
    }

    /** Number of affected rows and the rows themselves, inserted and updated (for RETURNING). */
    record Outcome(long count, List<DataChunk> rows) {
    }

    static boolean applies(Insert i) {
        return i.orAction() != ConflictAction.NONE || i.onConflict() != null;
    }

    Outcome run(Insert ins, Transaction txn, List<Value> params) {
        if (ins.orAction() != ConflictAction.NONE && ins.onConflict() != null) {
            throw new ParserException("You can not provide both OR " + ins.orAction() + " and ON CONFLICT, please remove the first if you "
                    + "want to have more granular control", ins.pos());
        }
        Insert plain = new Insert(ins.with(), ins.table(), ins.alias(), ConflictAction.NONE, ins.byName(), ins.columns(), ins.source(),
                null, List.of(), ins.pos());
        BoundInsert bound = (BoundInsert) ctx.binder(txn, params).bind(plain);
        TableEntry table = bound.table();
        OnConflict oc = ins.onConflict();
        boolean doNothing = ins.orAction() == ConflictAction.IGNORE || (oc != null && oc.doNothing());
        if (oc != null && oc.targetWhere() != null) throw new NotImplementedException("ON CONFLICT target WHERE is not supported yet", oc.pos());

        List<int[]> keys = new ArrayList<>();
        for (TableConstraint c : table.constraints()) {
            if (c instanceof TableConstraint.PrimaryKey pk) keys.add(pk.columns().stream().mapToInt(Integer::intValue).toArray());
            if (c instanceof TableConstraint.Unique u) keys.add(u.columns().stream().mapToInt(Integer::intValue).toArray());
        }
        List<int[]> checked;
        if (oc != null && !oc.targetColumns().isEmpty()) {
            Set<Integer> target = new HashSet<>();
            for (Identifier id : oc.targetColumns()) {
                int k = table.columnIndex(id.text());
                if (k < 0) throw new BinderException("Referenced column \"" + id.text() + "\" not found in FROM clause!", id.pos());
                target.add(k);
            }
            int[] match = null;
            for (int[] k : keys) {
                Set<Integer> s = new HashSet<>();
                for (int c : k) s.add(c);
                if (s.equals(target)) match = k;
            }
            if (match == null) {
                throw new BinderException("The specified columns as conflict target are not referenced by a UNIQUE/PRIMARY KEY CONSTRAINT or INDEX", oc.pos());
            }
            checked = List.<int[]>of(match);
        } else {
            if (keys.isEmpty()) {
                throw new BinderException("There are no UNIQUE/PRIMARY KEY Indexes that refer to this table, ON CONFLICT is a no-op", ins.pos());
            }
            if (!doNothing && keys.size() > 1) {
                throw new BinderException("Conflict target has to be provided for a DO UPDATE operation when the table has multiple "
                        + "UNIQUE/PRIMARY KEY constraints", ins.pos());
            }
            checked = keys;
        }
        List<SetClause> sets = oc != null && !doNothing ? oc.updates() : List.of();
        if (ins.orAction() == ConflictAction.REPLACE) {
            // OR REPLACE = DO UPDATE SET every non-key column to its proposed value (generated columns are
            // computed from the others, so they take none)
            Set<Integer> keyCols = new HashSet<>();
            for (int c : checked.get(0)) keyCols.add(c);
            sets = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                if (keyCols.contains(i) || table.columns().get(i).generated()) continue;
                Identifier col = new Identifier(table.columns().get(i).name(), true, ins.pos());
                sets.add(new SetClause(List.of(col), new ColumnRef(List.of(new Identifier("excluded", false, ins.pos()), col), ins.pos()), ins.pos()));
            }
        }
        boolean update = !doNothing && !sets.isEmpty();
        int width = table.columns().size();

        // the proposed rows
        List<DataChunk> proposed = new ArrayList<>();
        for (DataChunk c : ctx.collect(bound.source(), txn)) {
            if (c.size() == 0) continue;
            Statements.checkConstraints(bound.checks(), c, width, table);
            DataChunk rows = new DataChunk(java.util.Arrays.copyOf(c.columns(), width), c.size());
            proposed.add(rows.gather(identity(rows.size()), rows.size()));
        }
        List<DataChunk> pending = proposed;
        long count = 0;
        List<DataChunk> affected = new ArrayList<>();
        boolean conditional = oc != null && oc.where() != null;
        boolean firstRound = true;
        while (!pending.isEmpty()) {
            List<Map<Object, Long>> existing = new ArrayList<>();
            for (int[] k : checked) existing.add(existingKeys(table, k, txn));
            List<DataChunk> later = new ArrayList<>();
            List<DataChunk> toInsert = new ArrayList<>();
            List<DataChunk> toUpdate = new ArrayList<>();
            List<Set<Object>> seen = new ArrayList<>();
            for (int i = 0; i < checked.size(); i++) seen.add(new HashSet<>());
            for (DataChunk c : pending) {
                int[] ins2 = new int[c.size()];
                int[] upd = new int[c.size()];
                int[] defer = new int[c.size()];
                int ni = 0, nu = 0, nd = 0;
                for (int r = 0; r < c.size(); r++) {
                    boolean repeat = false;
                    boolean conflict = false;
                    for (int k = 0; k < checked.size(); k++) {
                        Object key = key(c.columns(), checked.get(k), r);
                        if (key == null) continue;
                        if (!seen.get(k).add(key)) repeat = true;
                        else if (existing.get(k).containsKey(key)) conflict = true;
                    }
                    if (repeat) {
                        if (update && conditional) {
                            throw new NotImplementedException("Inner conflicts detected with a conditional DO UPDATE on-conflict action, not fully implemented yet");
                        }
                        defer[nd++] = r;
                    } else if (conflict) {
                        if (update) upd[nu++] = r;
                    } else {
                        ins2[ni++] = r;
                    }
                }
                if (ni > 0) toInsert.add(c.gather(ins2, ni));
                if (nu > 0) toUpdate.add(c.gather(upd, nu));
                if (nd > 0) later.add(c.gather(defer, nd));
            }
            for (DataChunk c : toInsert) {
                table.storage().append(txn, c);
                affected.add(c);
                count += c.size();
            }
            if (!toUpdate.isEmpty()) {
                count += conflictUpdate(ins, table, checked.get(0), sets, toUpdate, txn, params, affected);
            }
            pending = later;
            firstRound = false;
        }
        if (!ins.returning().isEmpty()) affected = inProposalOrder(affected, proposed, checked.get(0));
        return new Outcome(count, affected);
    }

    private long conflictUpdate(Insert ins, TableEntry table, int[] key, List<SetClause> sets, List<DataChunk> rows, Transaction txn,
                                List<Value> params, List<DataChunk> newRows) {
        List<String> names = table.columns().stream().map(ColumnDefinition::name).toList();
        DataTable scratch = DataTable.create(TableSchema.of("excluded", names, table.types()));
        for (DataChunk c : rows) scratch.append(txn, c);
        TableEntry excluded = new TableEntry(table.schema(), "excluded", table.columns(), List.of(), scratch);
        List<Integer> keyColumns = new ArrayList<>();
        for (int k : key) keyColumns.add(k);
        BoundUpdate u = ctx.binder(txn, params).bindConflictUpdate(table, ins.alias(), excluded, keyColumns, sets,
                ins.onConflict() == null ? null : ins.onConflict().where(), ins.pos());
        return statements.runUpdate(u, txn, newRows, null);
    }

    /** The affected rows ordered like the proposed rows they came from (matched by conflict key), as DuckDB returns them. */
    private static List<DataChunk> inProposalOrder(List<DataChunk> affected, List<DataChunk> proposed, int[] key) {
        Map<Object, Integer> ordinal = new HashMap<>();
        int at = 0;
        for (DataChunk c : proposed) {
            for (int r = 0; r < c.size(); r++, at++) {
                Object k = key(c.columns(), key, r);
                if (k != null) ordinal.putIfAbsent(k, at);
            }
        }
        List<long[]> order = new ArrayList<>(); // (ordinal, chunk index, row)
        int seq = 0;
        for (int ci = 0; ci < affected.size(); ci++) {
            DataChunk c = affected.get(ci);
            for (int r = 0; r < c.size(); r++, seq++) {
                Integer o = ordinal.get(key(c.columns(), key, r));
                order.add(new long[]{o == null ? Integer.MAX_VALUE : o, seq, ci, r});
            }
        }
        order.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<DataChunk> out = new ArrayList<>();
        for (long[] o : order) {
            DataChunk c = affected.get((int) o[2]);
            out.add(c.gather(new int[]{(int) o[3]}, 1));
        }
        return out;
    }

    /** Key of each live row of {@code table} in {@code txn}'s snapshot → its row id. */
    private Map<Object, Long> existingKeys(TableEntry table, int[] key, Transaction txn) {
        List<Integer> ids = new ArrayList<>();
        ids.add(LogicalGet.ROW_ID);
        int[] positions = new int[key.length];
        for (int i = 0; i < key.length; i++) {
            ids.add(key[i]);
            positions[i] = i + 1;
        }
        Map<Object, Long> out = new HashMap<>();
        for (DataChunk c : ctx.collect(new LogicalGet(0, table, ids, List.of()), txn)) {
            for (int r = 0; r < c.size(); r++) {
                Object k = key(c.columns(), positions, r);
                if (k != null) out.put(k, c.column(0).longs[r]);
            }
        }
        return out;
    }

    /** A hashable key of the given columns of row {@code r}, or null if one of them is NULL. */
    private static Object key(Vector[] cols, int[] key, int r) {
        List<Object> parts = new ArrayList<>(key.length);
        for (int c : key) {
            Vector v = cols[c];
            if (v.isNull(r)) return null;
            Object o = v.getObject(r);
            if (o instanceof byte[] b) o = ByteBuffer.wrap(b);
            if (o instanceof Double d && d == 0d) o = 0d;
            if (o instanceof Float f && f == 0f) o = 0f;
            parts.add(o);
        }
        return parts;
    }

    private static int[] identity(int n) {
        int[] sel = new int[n];
        for (int i = 0; i < n; i++) sel[i] = i;
        return sel;
    }
}
