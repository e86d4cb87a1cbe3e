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
 * first one with {@link AggregateFunction#combine} (the group keys of each source table are looked
 * up chunk-wise with their stored hashes, giving the target group of every source group). A table
 * that holds many groups {@link #split}s into hash partitions, and {@link #mergePartitions} merges
 * each partition of all threads as a task of its own.
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
        sink(groupKeys, null, inputs, count);
    }

    /** As {@link #sink(Vector[], Vector[], int)} with the keys' hashes known ({@link GroupHashMap#hash}), or null. */
    public void sink(Vector[] groupKeys, long[] keyHashes, Vector[] inputs, int count) {
        if (count == 0) return;
        int[] gids;
        if (groups == null) {
            gids = ZEROS;
        } else {
            int n = keyHashes == null ? groups.findOrCreate(groupKeys, count, groupIds)
                    : groups.findOrCreate(groupKeys, count, keyHashes, groupIds);
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
        List<int[]> targetsOf = new ArrayList<>();
        boolean distinct = hasDistinct();
        for (AggregateHashTable other : others) {
            int[] targetOf = distinct ? new int[Math.max(1, other.groupCount())] : null;
            fold(other, null, 0, other.groupCount(), null, targetOf);
            targetsOf.add(targetOf);
        }
        for (int i = 0; i < states.length; i++) {
            if (!specs.get(i).distinct()) continue;
            GroupHashMap united;
            if (others.isEmpty()) {
                united = distinctSets[i];
            } else {
                united = new GroupHashMap(distinctKeyTypes(i), distinctSets[i].groupCount() * 2);
                addTranslated(united, distinctSets[i], null, 0, distinctSets[i].groupCount(), null);
                for (int o = 0; o < others.size(); o++) {
                    GroupHashMap set = others.get(o).distinctSets[i];
                    addTranslated(united, set, null, 0, set.groupCount(), targetsOf.get(o));
                }
            }
            feedDistinct(i, united);
        }
    }

    /** Hash partitions a thread-local table splits into ({@link #split}): 2^bits. */
    public static int partitionBits(int threads) {
        return threads <= 2 ? 4 : threads <= 4 ? 5 : 6;
    }

    /** This table's hash function, as {@link #split} partitions by it (null without group keys). */
    GroupHashMap groupMap() {
        return groups;
    }

    /**
     * Splits this table into 2^bits tables by the high bits of the group hashes (the slots use the
     * low ones), DuckDB's radix partitioning: a thread-local table that holds many groups goes on
     * sinking each row into its partition's table ({@link PartitionedAggregateTable}), so that the
     * merge folds each partition on its own, in parallel. DISTINCT sets follow their groups.
     */
    AggregateHashTable[] split(int bits, int expectedGroups) {
        int partitions = 1 << bits;
        Partitions x = partition(64 - bits, partitions);
        try {
            AggregateHashTable[] out = new AggregateHashTable[partitions];
            for (int p = 0; p < partitions; p++) {
                int n = x.start[p + 1] - x.start[p];
                // the partitions together start as large as the whole table was expected to grow
                AggregateHashTable t = new AggregateHashTable(groupTypes, inputTypes, specs,
                        Math.max(Math.max(1024, 2 * n), expectedGroups >> bits));
                t.fold(this, x.order, x.start[p], x.start[p + 1], null, x.targetOf);
                for (int i = 0; i < states.length; i++) {
                    if (distinctSets[i] == null) continue;
                    addTranslated(t.distinctSets[i], distinctSets[i], x.distinctOrder[i], x.distinctStart[i][p],
                            x.distinctStart[i][p + 1], x.targetOf);
                }
                out[p] = t;
            }
            return out;
        } finally {
            io.tealdb.execution.Cancellation.releaseMemory(x.bytes);
        }
    }

    /**
     * Merges thread-local tables split alike ({@code locals.get(t)[p]}: partition p of table t)
     * partition by partition, each a task on the worker pool that folds partition p of the other
     * tables into the first one's ({@link #merge}); returns the merged partitions.
     */
    public static AggregateHashTable[] mergePartitions(List<AggregateHashTable[]> locals, io.tealdb.execution.TaskScheduler scheduler,
                                                       int threads) {
        int partitions = locals.get(0).length;
        AggregateHashTable[] out = new AggregateHashTable[partitions];
        scheduler.forEach(partitions, threads, p -> {
            List<AggregateHashTable> others = new ArrayList<>(locals.size() - 1);
            for (int t = 1; t < locals.size(); t++) others.add(locals.get(t)[p]);
            locals.get(0)[p].merge(others);
            out[p] = locals.get(0)[p];
        });
        return out;
    }

    /**
     * This table's groups by hash partition ({@code (hash >>> shift)}: the high bits, the hash
     * table's slots use the low ones): the ids of partition p are {@code order[start[p] ..
     * start[p+1])}; likewise each DISTINCT aggregate's set entries by the partition of their group.
     * {@code targetOf} receives each group's id in its partition's merged table (each partition's
     * task writes and reads only its own groups), to translate the DISTINCT entries.
     */
    private static final class Partitions {
        final int[] start;
        final int[] order;
        final int[][] distinctStart;
        final int[][] distinctOrder;
        final int[] targetOf;
        final long bytes;

        Partitions(int[] start, int[] order, int[][] distinctStart, int[][] distinctOrder, int[] targetOf, long bytes) {
            this.start = start;
            this.order = order;
            this.distinctStart = distinctStart;
            this.distinctOrder = distinctOrder;
            this.targetOf = targetOf;
            this.bytes = bytes;
        }
    }

    private Partitions partition(int shift, int partitions) {
        int n = groupCount();
        long[] hashes = groups.groupHashes();
        int[] partOf = new int[n];
        boolean distinct = hasDistinct();
        long bytes = 4L * n * (distinct ? 3 : 2);
        for (GroupHashMap d : distinctSets) {
            if (d != null) bytes += 4L * d.groupCount();
        }
        io.tealdb.execution.Cancellation.reserveMemory(bytes, "the partitions of an aggregate");
        for (int g = 0; g < n; g++) partOf[g] = (int) (hashes[g] >>> shift);
        int[] start = new int[partitions + 1];
        int[] order = countingSort(partOf, n, partitions, start);
        int[][] distinctStart = new int[states.length][];
        int[][] distinctOrder = new int[states.length][];
        for (int i = 0; i < states.length; i++) {
            if (distinctSets[i] == null) continue;
            int e = distinctSets[i].groupCount();
            int[] entryPart = new int[e];
            Vector groupColumn = new Vector(LogicalType.INTEGER, CAP);
            for (int from = 0; from < e; from += CAP) {
                int c = Math.min(CAP, e - from);
                groupColumn.reset();
                distinctSets[i].keys().column(0).scan(from, c, groupColumn);
                for (int k = 0; k < c; k++) entryPart[from + k] = partOf[groupColumn.ints[k]];
            }
            distinctStart[i] = new int[partitions + 1];
            distinctOrder[i] = countingSort(entryPart, e, partitions, distinctStart[i]);
        }
        return new Partitions(start, order, distinctStart, distinctOrder, distinct ? new int[Math.max(1, n)] : null, bytes);
    }

    /** The indexes {@code [0, n)} ordered by {@code key} (stable); {@code start} receives each key's first position. */
    private static int[] countingSort(int[] key, int n, int keys, int[] start) {
        for (int i = 0; i < n; i++) start[key[i] + 1]++;
        for (int p = 0; p < keys; p++) start[p + 1] += start[p];
        int[] next = Arrays.copyOf(start, keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[next[key[i]]++] = i;
        return order;
    }

    /**
     * Folds groups of {@code src} into this table: those with ids {@code order[from..to)}, or
     * {@code [from, to)} when order is null. Without {@code keyPositions} the tables have the same
     * keys (the known hashes are reused); with it, key k here is key {@code keyPositions[k]} of src
     * (a finer grouping set). {@code targetOf}, when given, receives each folded group's id here.
     */
    private void fold(AggregateHashTable src, int[] order, int from, int to, int[] keyPositions, int[] targetOf) {
        if (to <= from) return;
        int[] sel = new int[CAP];
        int[] ids = new int[CAP];
        Vector[] srcKeys = null;
        Vector[] keyVectors = null;
        long[] keyHashes = null;
        if (groups != null) {
            srcKeys = new Vector[src.groupTypes.size()];
            for (int c = 0; c < srcKeys.length; c++) srcKeys[c] = new Vector(src.groupTypes.get(c), CAP);
            keyVectors = srcKeys;
            if (keyPositions != null) {
                keyVectors = new Vector[keyPositions.length];
                for (int k = 0; k < keyPositions.length; k++) keyVectors[k] = srcKeys[keyPositions[k]];
            } else {
                keyHashes = new long[CAP];
            }
        }
        for (int at = from; at < to; at += CAP) {
            io.tealdb.execution.Cancellation.check();
            int n = Math.min(CAP, to - at);
            if (order != null) {
                System.arraycopy(order, at, sel, 0, n);
            } else {
                for (int k = 0; k < n; k++) sel[k] = at + k;
            }
            if (groups == null) {
                Arrays.fill(ids, 0, n, 0);
            } else {
                for (Vector v : srcKeys) v.reset();
                if (order != null) src.groups.keys().gather(sel, n, srcKeys, 0);
                else src.groups.keys().scan(at, n, srcKeys, 0);
                if (keyHashes != null) {
                    long[] h = src.groups.groupHashes();
                    for (int k = 0; k < n; k++) keyHashes[k] = h[sel[k]];
                    groups.findOrCreate(keyVectors, n, keyHashes, ids);
                } else {
                    groups.findOrCreate(keyVectors, n, ids);
                }
            }
            int total = groupCount();
            for (int i = 0; i < states.length; i++) {
                if (specs.get(i).distinct()) continue;
                states[i].ensureCapacity(total);
                specs.get(i).function().combine(states[i], src.states[i], sel, ids, n);
            }
            if (targetOf != null) {
                for (int k = 0; k < n; k++) targetOf[sel[k]] = ids[k];
            }
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
        if (hasDistinct()) throw new IllegalStateException("mergeProjected cannot combine DISTINCT aggregates");
        fold(finer, null, 0, finer.groupCount(), keyPositions, null);
        for (AggregateState state : states) state.ensureCapacity(groupCount());
    }

    private boolean hasDistinct() {
        for (AggregateSpec s : specs) {
            if (s.distinct()) return true;
        }
        return false;
    }

    private List<LogicalType> distinctKeyTypes(int i) {
        List<LogicalType> keyTypes = new ArrayList<>();
        keyTypes.add(LogicalType.INTEGER);
        for (int c : specs.get(i).argColumns()) keyTypes.add(inputTypes.get(c));
        return keyTypes;
    }

    /**
     * Adds entries (group, arguments) of a DISTINCT set to {@code united}: ids {@code order[from..to)}
     * of {@code source}, or {@code [from, to)} without order; group ids translated by {@code targets}
     * (null: already this table's).
     */
    private static void addTranslated(GroupHashMap united, GroupHashMap source, int[] order, int from, int to, int[] targets) {
        List<LogicalType> keyTypes = united.keys().types();
        Vector[] v = new Vector[keyTypes.size()];
        for (int c = 0; c < v.length; c++) v[c] = new Vector(keyTypes.get(c), CAP);
        int[] ids = new int[CAP];
        int[] sel = new int[CAP];
        for (int at = from; at < to; at += CAP) {
            io.tealdb.execution.Cancellation.check();
            int n = Math.min(CAP, to - at);
            for (Vector x : v) x.reset();
            if (order != null) {
                System.arraycopy(order, at, sel, 0, n);
                source.keys().gather(sel, n, v, 0);
            } else {
                source.keys().scan(at, n, v, 0);
            }
            if (targets != null) {
                int[] g = v[0].ints;
                for (int k = 0; k < n; k++) g[k] = targets[g[k]];
            }
            united.findOrCreate(v, n, ids);
        }
    }

    /** Feeds each entry (group, arguments) of {@code set} to DISTINCT aggregate i once; the set becomes its. */
    private void feedDistinct(int i, GroupHashMap set) {
        states[i].ensureCapacity(groupCount());
        List<LogicalType> keyTypes = set.keys().types();
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
        distinctSets[i] = set;
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
