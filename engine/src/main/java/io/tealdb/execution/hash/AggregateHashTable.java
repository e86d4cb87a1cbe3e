package io.tealdb.execution.hash;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Grouped (or ungrouped) aggregation over chunks: group keys → dense group ids
 * ({@link GroupHashMap}), one columnar {@link AggregateState} per aggregate updated with
 * {@link AggregateFunction#update} over whole chunks.
 *
 * <p>Parallelism: each thread sinks into its own table; {@link #merge} folds the others into the
 * first one with {@link AggregateFunction#combine} (the group keys of each other table are looked up
 * chunk-wise, giving the target group of every source group).
 *
 * <p>FILTER (WHERE ...) compacts the rows of that aggregate before updating. DISTINCT aggregates
 * do not update during sink: each keeps a set of (group id, arguments); merging translates
 * thread-local group ids into global ones while uniting the sets, and the aggregate is then fed
 * each distinct (group, arguments) once.
 *
 * <p>Without group keys there is exactly one group (id 0) and no hash table at all.
 */
public final class AggregateHashTable {
    private static final int CAP = DataChunk.CAPACITY;
    private static final int[] ZEROS = new int[CAP];

    private final List<LogicalType> groupTypes;
    private final List<LogicalType> inputTypes;
    private final List<AggregateSpec> specs;
    private final GroupHashMap groups;
    private final AggregateState[] states;
    private final GroupHashMap[] distinctSets;
    private int ungroupedCount = 1;

    private final int[] groupIds = new int[CAP];
    private final int[] filterSel = new int[CAP];
    private final int[] filteredGroups = new int[CAP];
    private final Vector groupIdVector = new Vector(LogicalType.INTEGER, CAP);
    private final Vector[][] argScratch;
    private final Vector[][] argRefs;
    private final Vector[][] distinctKeys;
    private final int[] distinctIds = new int[CAP];

    /**
     * @param groupTypes     types of the group key columns (empty: ungrouped)
     * @param inputTypes     types of the input columns the specs refer to
     * @param expectedGroups estimate used to size the table up front (avoids rehashing)
     */
    public AggregateHashTable(List<LogicalType> groupTypes, List<LogicalType> inputTypes, List<AggregateSpec> specs,
                              int expectedGroups) {
        this.groupTypes = List.copyOf(groupTypes);
        this.inputTypes = List.copyOf(inputTypes);
        this.specs = List.copyOf(specs);
        this.groups = groupTypes.isEmpty() ? null : new GroupHashMap(groupTypes, expectedGroups);
        int a = specs.size();
        this.states = new AggregateState[a];
        this.distinctSets = new GroupHashMap[a];
        this.argScratch = new Vector[a][];
        this.argRefs = new Vector[a][];
        this.distinctKeys = new Vector[a][];
        for (int i = 0; i < a; i++) {
            AggregateSpec s = specs.get(i);
            states[i] = s.function().createState();
            if (groups == null) states[i].ensureCapacity(1);
            int[] cols = s.argColumns();
            argRefs[i] = new Vector[cols.length];
            if (s.filterColumn() >= 0 || s.distinct()) {
                argScratch[i] = new Vector[cols.length];
                for (int c = 0; c < cols.length; c++) argScratch[i][c] = new Vector(inputTypes.get(cols[c]), CAP);
            }
            if (s.distinct()) {
                List<LogicalType> keyTypes = new ArrayList<>();
                keyTypes.add(LogicalType.INTEGER);
                for (int c : cols) keyTypes.add(inputTypes.get(c));
                distinctSets[i] = new GroupHashMap(keyTypes, 1024);
                distinctKeys[i] = new Vector[cols.length + 1];
            }
        }
    }

    public int groupCount() {
        return groups == null ? ungroupedCount : groups.groupCount();
    }

    public List<AggregateSpec> specs() {
        return specs;
    }

    /** Adds rows {@code [0,count)}: group key vectors and the input vectors the specs refer to. */
    public void sink(Vector[] groupKeys, Vector[] inputs, int count) {
        if (count == 0) return;
        int[] gids;
        if (groups == null) {
            gids = ZEROS;
        } else {
            int n = groups.findOrCreate(groupKeys, count, groupIds);
            for (int i = 0; i < states.length; i++) {
                if (!specs.get(i).distinct()) states[i].ensureCapacity(n);
            }
            gids = groupIds;
        }
        for (int i = 0; i < states.length; i++) {
            AggregateSpec s = specs.get(i);
            int[] cols = s.argColumns();
            Vector[] args = argRefs[i];
            for (int c = 0; c < cols.length; c++) args[c] = inputs[cols[c]];
            int n = count;
            int[] g = gids;
            if (s.filterColumn() >= 0) {
                Vector f = inputs[s.filterColumn()];
                n = 0;
                for (int r = 0; r < count; r++) {
                    if (f.bytes[r] != 0 && f.isValid(r)) filterSel[n++] = r;
                }
                if (n == 0) continue;
                if (n < count) {
                    Vector[] scratch = argScratch[i];
                    for (int c = 0; c < cols.length; c++) {
                        scratch[c].reset();
                        scratch[c].copyFrom(args[c], filterSel, 0, n, 0);
                    }
                    args = scratch;
                    for (int k = 0; k < n; k++) filteredGroups[k] = gids[filterSel[k]];
                    g = filteredGroups;
                }
            }
            if (s.distinct()) {
                Vector[] keys = distinctKeys[i];
                System.arraycopy(g, 0, groupIdVector.ints, 0, n);
                groupIdVector.validity = null;
                keys[0] = groupIdVector;
                System.arraycopy(args, 0, keys, 1, args.length);
                distinctSets[i].findOrCreate(keys, n, distinctIds);
            } else if (g == ZEROS) {
                s.function().updateUngrouped(states[i], args, n);
            } else {
                s.function().update(states[i], args, n, g);
            }
        }
    }

    /**
     * Folds {@code others} into this table (they must have the same layout), then feeds the
     * DISTINCT aggregates. Call once, after all sinking, on the table that becomes the result.
     */
    public void merge(List<AggregateHashTable> others) {
        int[] targets = new int[16];
        Vector[] keyVectors = new Vector[groupTypes.size()];
        for (int c = 0; c < keyVectors.length; c++) keyVectors[c] = new Vector(groupTypes.get(c), CAP);
        List<int[]> allTargets = new ArrayList<>();
        for (AggregateHashTable other : others) {
            int srcGroups = other.groupCount();
            if (targets.length < srcGroups) targets = new int[srcGroups];
            if (groups == null) {
                targets[0] = 0;
            } else {
                ColumnStore src = other.groups.keys();
                int[] ids = new int[CAP];
                for (int from = 0; from < srcGroups; from += CAP) {
                    int n = Math.min(CAP, srcGroups - from);
                    for (Vector v : keyVectors) v.reset();
                    src.scan(from, n, keyVectors, 0);
                    groups.findOrCreate(keyVectors, n, ids);
                    System.arraycopy(ids, 0, targets, from, n);
                }
            }
            int total = groupCount();
            for (int i = 0; i < states.length; i++) {
                if (specs.get(i).distinct()) continue;
                states[i].ensureCapacity(total);
                specs.get(i).function().combine(states[i], other.states[i], targets, srcGroups);
            }
            allTargets.add(Arrays.copyOf(targets, Math.max(srcGroups, 1)));
        }
        // DISTINCT: unite the (group, args) sets in global group ids, then update once per element
        for (int i = 0; i < states.length; i++) {
            if (!specs.get(i).distinct()) continue;
            List<LogicalType> keyTypes = new ArrayList<>();
            keyTypes.add(LogicalType.INTEGER);
            for (int c : specs.get(i).argColumns()) keyTypes.add(inputTypes.get(c));
            GroupHashMap united;
            if (others.isEmpty()) {
                united = distinctSets[i];
            } else {
                united = new GroupHashMap(keyTypes, distinctSets[i].groupCount() * 2);
                addTranslated(united, distinctSets[i], null, keyTypes);
                for (int o = 0; o < others.size(); o++) {
                    addTranslated(united, others.get(o).distinctSets[i], allTargets.get(o), keyTypes);
                }
            }
            states[i].ensureCapacity(groupCount());
            feedDistinct(i, united, keyTypes);
            distinctSets[i] = united;
        }
    }

    /**
     * Folds the groups of {@code finer} — a table grouped by more keys — into this table: the key
     * at position {@code keyPositions[k]} of {@code finer} is this table's key {@code k}. Several
     * finer groups combine into one group here, which is how a ROLLUP / CUBE computes its coarser
     * grouping sets from the finest one instead of sinking every input row once per set. Only for
     * tables without DISTINCT aggregates (their sets are not kept in the finer table's states).
     */
    public void mergeProjected(AggregateHashTable finer, int[] keyPositions) {
        int srcGroups = finer.groupCount();
        int[] targets = new int[Math.max(1, srcGroups)];
        if (groups != null) {
            Vector[] finerKeys = new Vector[finer.groupTypes.size()];
            for (int c = 0; c < finerKeys.length; c++) finerKeys[c] = new Vector(finer.groupTypes.get(c), CAP);
            Vector[] keyVectors = new Vector[keyPositions.length];
            int[] ids = new int[CAP];
            for (int from = 0; from < srcGroups; from += CAP) {
                int n = Math.min(CAP, srcGroups - from);
                for (Vector v : finerKeys) v.reset();
                finer.groups.keys().scan(from, n, finerKeys, 0);
                for (int k = 0; k < keyPositions.length; k++) keyVectors[k] = finerKeys[keyPositions[k]];
                groups.findOrCreate(keyVectors, n, ids);
                System.arraycopy(ids, 0, targets, from, n);
            }
        } else if (srcGroups > 0) {
            ungroupedCount = 1;
        }
        int total = groupCount();
        for (int i = 0; i < states.length; i++) {
            if (specs.get(i).distinct()) {
                throw new IllegalStateException("mergeProjected cannot combine DISTINCT aggregates");
            }
            states[i].ensureCapacity(total);
            if (srcGroups > 0) specs.get(i).function().combine(states[i], finer.states[i], targets, srcGroups);
        }
    }

    private static void addTranslated(GroupHashMap united, GroupHashMap source, int[] targets, List<LogicalType> keyTypes) {
        Vector[] v = new Vector[keyTypes.size()];
        for (int c = 0; c < v.length; c++) v[c] = new Vector(keyTypes.get(c), CAP);
        int[] ids = new int[CAP];
        int size = source.groupCount();
        for (int from = 0; from < size; from += CAP) {
            int n = Math.min(CAP, size - from);
            for (Vector x : v) x.reset();
            source.keys().scan(from, n, v, 0);
            if (targets != null) {
                int[] g = v[0].ints;
                for (int k = 0; k < n; k++) g[k] = targets[g[k]];
            }
            united.findOrCreate(v, n, ids);
        }
    }

    private void feedDistinct(int i, GroupHashMap set, List<LogicalType> keyTypes) {
        Vector[] v = new Vector[keyTypes.size()];
        for (int c = 0; c < v.length; c++) v[c] = new Vector(keyTypes.get(c), CAP);
        Vector[] args = Arrays.copyOfRange(v, 1, v.length);
        int size = set.groupCount();
        for (int from = 0; from < size; from += CAP) {
            int n = Math.min(CAP, size - from);
            for (Vector x : v) x.reset();
            set.keys().scan(from, n, v, 0);
            specs.get(i).function().update(states[i], args, n, v[0].ints);
        }
    }

    /**
     * Writes groups {@code [firstGroup, firstGroup+count)} (count &lt;= chunk capacity) into
     * {@code out}: group key columns first, then one column per aggregate. Read-only; different
     * threads may scan different ranges.
     */
    public void scan(int firstGroup, int count, Vector[] out) {
        int k = groupTypes.size();
        scan(firstGroup, count, Arrays.copyOfRange(out, 0, k), Arrays.copyOfRange(out, k, k + states.length));
    }

    /** As {@link #scan(int, int, Vector[])} with separate targets for the keys and the aggregates. */
    public void scan(int firstGroup, int count, Vector[] keysOut, Vector[] aggregatesOut) {
        if (groups != null) {
            groups.keys().scan(firstGroup, count, keysOut, 0);
        }
        for (int i = 0; i < states.length; i++) {
            specs.get(i).function().finalize(states[i], firstGroup, count, aggregatesOut[i]);
        }
    }

    public long memoryUsage() {
        long m = groups == null ? 0 : groups.memoryUsage();
        for (GroupHashMap d : distinctSets) {
            if (d != null) m += d.memoryUsage();
        }
        return m;
    }
}
