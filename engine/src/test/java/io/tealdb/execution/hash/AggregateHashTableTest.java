package io.tealdb.execution.hash;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Aggregation hash table against HashMap references: many groups over threads, DISTINCT, FILTER, ungrouped. */
class AggregateHashTableTest {
    private static final int CAP = DataChunk.CAPACITY;

    /** Input rows: group key g1 (BIGINT, may be NULL), g2 (VARCHAR), value v (BIGINT, may be NULL). */
    record Input(long[] g1, boolean[] g1Null, String[] g2, long[] v, boolean[] vNull) {
        int size() {
            return v.length;
        }
    }

    private static Input input(long seed, int n, int groups) {
        Random rnd = new Random(seed);
        long[] g1 = new long[n];
        boolean[] g1Null = new boolean[n];
        String[] g2 = new String[n];
        long[] v = new long[n];
        boolean[] vNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            int g = rnd.nextInt(groups);
            g1[i] = g / 2;
            g1Null[i] = g % 97 == 0;
            g2[i] = "grp-" + (g % 2) + (g % 5 == 0 ? "-with-a-long-suffix-for-heap" : "");
            v[i] = rnd.nextInt(50);
            vNull[i] = rnd.nextInt(20) == 0;
        }
        return new Input(g1, g1Null, g2, v, vNull);
    }

    private static String key(Input in, int i) {
        return (in.g1Null[i] ? "null" : String.valueOf(in.g1[i])) + "|" + in.g2[i];
    }

    /** Where a chunk goes: a table's or a partitioned table's sink. */
    interface ChunkSink {
        void sink(Vector[] keys, Vector[] inputs, int count);
    }

    private static void sinkRange(ChunkSink t, Input in, int from, int to, boolean grouped) {
        Vector g1 = new Vector(LogicalType.BIGINT, CAP);
        Vector g2 = new Vector(LogicalType.VARCHAR, CAP);
        Vector v = new Vector(LogicalType.BIGINT, CAP);
        Vector even = new Vector(LogicalType.BOOLEAN, CAP);
        for (int at = from; at < to; at += CAP) {
            int n = Math.min(CAP, to - at);
            g1.reset();
            g2.reset();
            v.reset();
            even.reset();
            for (int i = 0; i < n; i++) {
                int r = at + i;
                if (in.g1Null[r]) g1.setNull(i);
                else g1.longs[i] = in.g1[r];
                g2.setString(i, in.g2[r]);
                if (in.vNull[r]) {
                    v.setNull(i);
                    even.setNull(i);
                } else {
                    v.longs[i] = in.v[r];
                    even.bytes[i] = (byte) (in.v[r] % 2 == 0 ? 1 : 0);
                }
            }
            t.sink(grouped ? new Vector[]{g1, g2} : new Vector[0], new Vector[]{v, even}, n);
        }
    }

    private static List<AggregateSpec> specs() {
        return List.of(
                AggregateSpec.of(TestAggregates.SUM, 0),
                AggregateSpec.of(TestAggregates.count(true)),
                new AggregateSpec(TestAggregates.count(false), new int[]{0}, true, -1),
                new AggregateSpec(TestAggregates.SUM, new int[]{0}, true, -1),
                new AggregateSpec(TestAggregates.SUM, new int[]{0}, false, 1),
                new AggregateSpec(TestAggregates.count(false), new int[]{0}, true, 1));
    }

    /** Result line per group: key -> [sum, count(*), count(distinct v), sum(distinct v), sum filter even, count(distinct v) filter even]. */
    private static Map<String, List<Object>> reference(Input in, boolean grouped) {
        Map<String, long[]> sums = new HashMap<>();
        Map<String, Set<Long>> distinct = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
            String k = grouped ? key(in, i) : "";
            long[] s = sums.computeIfAbsent(k, x -> new long[4]);
            distinct.computeIfAbsent(k, x -> new HashSet<>());
            s[1]++;
            if (!in.vNull[i]) {
                s[0] += in.v[i];
                s[2]++;
                distinct.get(k).add(in.v[i]);
                if (in.v[i] % 2 == 0) {
                    s[3] += in.v[i];
                }
            }
        }
        Map<String, List<Object>> out = new HashMap<>();
        for (var e : sums.entrySet()) {
            long[] s = e.getValue();
            Set<Long> d = distinct.get(e.getKey());
            long dsum = d.stream().mapToLong(Long::longValue).sum();
            long evenDistinct = d.stream().filter(x -> x % 2 == 0).count();
            boolean anyEven = d.stream().anyMatch(x -> x % 2 == 0);
            List<Object> row = new ArrayList<>();
            row.add(s[2] == 0 ? null : s[0]);
            row.add(s[1]);
            row.add((long) d.size());
            row.add(d.isEmpty() ? null : dsum);
            row.add(anyEven ? s[3] : null);
            row.add(evenDistinct);
            out.put(e.getKey(), row);
        }
        if (!grouped && out.isEmpty()) {
            List<Object> row = new ArrayList<>();
            row.add(null);
            row.add(0L);
            row.add(0L);
            row.add(null);
            row.add(null);
            row.add(0L);
            out.put("", row);
        }
        return out;
    }

    private static Map<String, List<Object>> run(Input in, int threads, boolean grouped) throws Exception {
        return run(in, threads, grouped, false);
    }

    /**
     * partitioned: each thread sinks through a {@link PartitionedAggregateTable} (16 partitions once
     * it holds many groups), and the tables merge as the operator merges them: partition by
     * partition on two workers when any split, else into the first.
     */
    private static Map<String, List<Object>> run(Input in, int threads, boolean grouped, boolean partitioned) throws Exception {
        List<LogicalType> groupTypes = grouped ? List.of(LogicalType.BIGINT, LogicalType.VARCHAR) : List.of();
        List<LogicalType> inputTypes = List.of(LogicalType.BIGINT, LogicalType.BOOLEAN);
        List<AggregateHashTable> locals = new ArrayList<>();
        List<PartitionedAggregateTable> sinks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            locals.add(new AggregateHashTable(groupTypes, inputTypes, specs(), 1024));
            sinks.add(new PartitionedAggregateTable(locals.get(t), 4, 1024));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            int per = (in.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> sinkRange(partitioned ? sinks.get(tt)::sink : locals.get(tt)::sink, in,
                        Math.min(in.size(), tt * per), Math.min(in.size(), (tt + 1) * per), grouped)));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        AggregateHashTable[] merged;
        boolean split = false;
        for (PartitionedAggregateTable t : sinks) split |= t.isSplit();
        if (partitioned && split) {
            List<AggregateHashTable[]> parts = new ArrayList<>();
            for (PartitionedAggregateTable t : sinks) {
                t.split();
                parts.add(t.tables());
            }
            merged = AggregateHashTable.mergePartitions(parts, io.tealdb.execution.TaskScheduler.shared(), 2);
            assertEquals(16, merged.length);
        } else {
            locals.get(0).merge(locals.subList(1, locals.size()));
            merged = new AggregateHashTable[]{locals.get(0)};
        }
        long groups = 0;
        for (AggregateHashTable t : merged) groups += t.groupCount();
        if (partitioned && grouped) {
            // every thread sees most groups here: they split exactly when there are many
            assertEquals(groups >= 2 * PartitionedAggregateTable.SPLIT_GROUPS, split, "split with " + groups + " groups");
        }
        Map<String, List<Object>> out = new HashMap<>();
        int k = groupTypes.size();
        Vector[] cols = new Vector[k + specs().size()];
        for (int c = 0; c < k; c++) cols[c] = new Vector(groupTypes.get(c), CAP);
        for (int c = k; c < cols.length; c++) cols[c] = new Vector(LogicalType.BIGINT, CAP);
        for (AggregateHashTable global : merged) scanInto(global, grouped, k, cols, out);
        return out;
    }

    private static void scanInto(AggregateHashTable global, boolean grouped, int k, Vector[] cols, Map<String, List<Object>> out) {
        for (int from = 0; from < global.groupCount(); from += CAP) {
            int n = Math.min(CAP, global.groupCount() - from);
            for (Vector v : cols) v.reset();
            global.scan(from, n, cols);
            for (int i = 0; i < n; i++) {
                String key = grouped ? (cols[0].isNull(i) ? "null" : String.valueOf(cols[0].longs[i])) + "|" + cols[1].getString(i) : "";
                List<Object> row = new ArrayList<>();
                for (int c = k; c < cols.length; c++) row.add(cols[c].getObject(i));
                List<Object> prev = out.put(key, row);
                assertEquals(null, prev, "group emitted twice: " + key);
            }
        }
    }

    @Test
    void manyGroupsAcrossThreads() throws Exception {
        Input in = input(1, 1_000_000, 200_000); // ~100k distinct (g1, g2) groups
        Map<String, List<Object>> expected = reference(in, true);
        Map<String, List<Object>> got = run(in, 4, true);
        assertEquals(expected.size(), got.size());
        assertEquals(expected, got);
    }

    /**
     * The partitioned merge: ~100k groups over 3 threads, each table splitting into 16 partitions
     * after 32,768 groups and scattering later rows; the partitions merge on two workers. DISTINCT
     * sets and FILTERs follow their groups into the partitions, each group in exactly one.
     */
    @Test
    void manyGroupsPartitionedMerge() throws Exception {
        Input in = input(5, 1_000_000, 200_000);
        assertEquals(reference(in, true), run(in, 3, true, true));
    }

    /** Below the split threshold the tables stay whole and merge into the first. */
    @Test
    void fewGroupsMergeAllStaysOneTable() throws Exception {
        Input in = input(6, 100_000, 1_000);
        assertEquals(reference(in, true), run(in, 2, true, true));
        assertEquals(reference(in, false), run(in, 2, false, true));
    }

    @Test
    void fewGroupsSingleThread() throws Exception {
        Input in = input(2, 10_000, 7);
        assertEquals(reference(in, true), run(in, 1, true));
    }

    @Test
    void ungrouped() throws Exception {
        Input in = input(3, 50_000, 10);
        assertEquals(reference(in, false), run(in, 3, false));
        Input empty = input(4, 0, 1);
        assertEquals(reference(empty, false), run(empty, 2, false));
    }

    @Test
    void groupHashMapAssignsDenseIdsLikeAHashMap() {
        Random rnd = new Random(9);
        List<LogicalType> types = List.of(LogicalType.INTEGER, LogicalType.DOUBLE, LogicalType.VARCHAR, LogicalType.HUGEINT);
        GroupHashMap map = new GroupHashMap(types, 4); // starts tiny: exercises growth
        Map<List<Object>, Integer> ref = new HashMap<>();
        int[] ids = new int[CAP];
        Vector[] v = new Vector[types.size()];
        for (int round = 0; round < 40; round++) {
            for (int c = 0; c < v.length; c++) v[c] = new Vector(types.get(c), CAP);
            int n = 1 + rnd.nextInt(CAP);
            List<List<Object>> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Integer a = rnd.nextInt(10) == 0 ? null : rnd.nextInt(30);
                Double d = rnd.nextInt(10) == 0 ? null : (double) (rnd.nextInt(5) - 2) * (rnd.nextBoolean() ? 0.5 : -0.0);
                String s = rnd.nextInt(10) == 0 ? null : "x".repeat(rnd.nextInt(12));
                java.math.BigInteger h = java.math.BigInteger.valueOf(rnd.nextInt(3)).shiftLeft(70);
                v[0].setObject(i, a);
                v[1].setObject(i, d);
                v[2].setObject(i, s);
                v[3].setObject(i, h);
                // SQL grouping: -0.0 and 0.0 are one group
                keys.add(java.util.Arrays.asList(a, d == null ? null : d + 0.0, s, h));
            }
            map.findOrCreate(v, n, ids);
            for (int i = 0; i < n; i++) {
                Integer prev = ref.putIfAbsent(keys.get(i), ids[i]);
                if (prev != null) assertEquals(prev.intValue(), ids[i], "key " + keys.get(i));
            }
            assertEquals(ref.size(), map.groupCount());
        }
        assertEquals(new HashSet<>(ref.values()).size(), ref.size(), "ids are distinct");
        assertEquals(Objects.requireNonNull(java.util.Collections.max(ref.values())), ref.size() - 1, "ids are dense");
    }

    /**
     * The single-integer-key index against a HashMap reference: ids dense in first-appearance order,
     * NULL one group, growth from a tiny start, find() agrees, and the stored keys scan back.
     */
    @Test
    void integerKeyGroupHashMapMatchesReference() {
        for (LogicalType type : List.of(LogicalType.BIGINT, LogicalType.INTEGER, LogicalType.SMALLINT)) {
            Random rnd = new Random(type.hashCode());
            GroupHashMap map = new GroupHashMap(List.of(type), 4);
            Map<Long, Integer> ref = new HashMap<>(); // null key -> Long null
            List<Long> order = new ArrayList<>();
            int[] ids = new int[CAP];
            for (int round = 0; round < 30; round++) {
                Vector v = new Vector(type, CAP);
                int n = 1 + rnd.nextInt(CAP);
                Long[] keys = new Long[n];
                for (int i = 0; i < n; i++) {
                    long k = type == LogicalType.SMALLINT ? rnd.nextInt(3000) - 1500
                            : round < 15 ? rnd.nextInt(5000) - 2500 : rnd.nextLong() % 1_000_000_000L;
                    keys[i] = rnd.nextInt(15) == 0 ? null : k;
                    Object o = keys[i] == null ? null : type == LogicalType.BIGINT ? (Object) keys[i]
                            : type == LogicalType.INTEGER ? (Object) (int) (long) keys[i] : (Object) (short) (long) keys[i];
                    v.setObject(i, o);
                }
                map.findOrCreate(new Vector[]{v}, n, ids);
                for (int i = 0; i < n; i++) {
                    Integer prev = ref.get(keys[i]);
                    if (prev == null && !ref.containsKey(keys[i])) {
                        assertEquals(ref.size(), ids[i], "new key " + keys[i] + " gets the next id");
                        ref.put(keys[i], ids[i]);
                        order.add(keys[i]);
                    } else {
                        assertEquals(prev.intValue(), ids[i], "key " + keys[i]);
                    }
                }
                assertEquals(ref.size(), map.groupCount());
                int[] found = new int[CAP];
                map.find(new Vector[]{v}, n, found, new long[CAP]);
                for (int i = 0; i < n; i++) assertEquals(ids[i], found[i]);
            }
            Vector absent = new Vector(type, CAP);
            absent.setObject(0, type == LogicalType.BIGINT ? (Object) Long.MAX_VALUE : type == LogicalType.INTEGER
                    ? (Object) Integer.MAX_VALUE : (Object) Short.MAX_VALUE);
            int[] none = new int[1];
            map.find(new Vector[]{absent}, 1, none, new long[CAP]);
            assertEquals(-1, none[0]);
            Vector out = new Vector(type, CAP);
            for (int from = 0; from < map.groupCount(); from += CAP) {
                int c = Math.min(CAP, map.groupCount() - from);
                out.reset();
                map.keys().scan(from, c, new Vector[]{out}, 0);
                for (int i = 0; i < c; i++) {
                    Long k = order.get(from + i);
                    assertEquals(k == null, out.isNull(i));
                    if (k != null) assertEquals(k.longValue(), ((Number) out.getObject(i)).longValue());
                }
            }
        }
    }
}
