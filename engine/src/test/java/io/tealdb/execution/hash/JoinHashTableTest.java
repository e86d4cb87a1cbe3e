package io.tealdb.execution.hash;

import io.tealdb.error.InvalidInputException;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Join hash table against a nested-loop reference over boxed values, for every join type, with
 * duplicate and NULL keys, multi-column keys, a residual predicate, parallel build and probe.
 */
class JoinHashTableTest {
    /**
     * Key shape under test: (BIGINT, VARCHAR) — the generic path; or k1 alone as BIGINT or INTEGER —
     * the single-integer-key path. Set by each test (methods of a class run one after another).
     */
    private static List<LogicalType> KEY_TYPES = List.of(LogicalType.BIGINT, LogicalType.VARCHAR);

    private static int keyCount() {
        return KEY_TYPES.size();
    }

    /** Rows of (k1 Long, k2 String); null = SQL NULL. */
    record Rows(List<Object[]> rows) {
    }

    private static Rows randomRows(Random rnd, int n, int distinct, double nullRate) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long k1 = rnd.nextDouble() < nullRate ? null : (long) rnd.nextInt(distinct);
            String k2 = rnd.nextDouble() < nullRate ? null : "s" + rnd.nextInt(3) + (rnd.nextBoolean() ? "" : "-a-longer-string-tail");
            rows.add(new Object[]{k1, k2});
        }
        return new Rows(rows);
    }

    /** Key vectors for rows [from, from+n) plus an index payload column. */
    private static Vector[] vectors(Rows r, int from, int n) {
        Vector k1 = new Vector(KEY_TYPES.get(0), DataChunk.CAPACITY);
        Vector k2 = new Vector(LogicalType.VARCHAR, DataChunk.CAPACITY);
        Vector idx = new Vector(LogicalType.BIGINT, DataChunk.CAPACITY);
        boolean intKey = KEY_TYPES.get(0).equals(LogicalType.INTEGER);
        for (int i = 0; i < n; i++) {
            Object[] row = r.rows.get(from + i);
            k1.setObject(i, intKey && row[0] != null ? (Object) (int) (long) (Long) row[0] : row[0]);
            k2.setObject(i, row[1]);
            idx.longs[i] = from + i;
        }
        return new Vector[]{k1, k2, idx};
    }

    private static boolean keysMatch(Object[] p, Object[] b, boolean[] nullsEqual) {
        for (int c = 0; c < keyCount(); c++) {
            if (p[c] == null || b[c] == null) {
                if (!(nullsEqual[c] && p[c] == null && b[c] == null)) return false;
            } else if (!p[c].equals(b[c])) {
                return false;
            }
        }
        return true;
    }

    private static boolean residual(long probe, long build) {
        return (probe + build) % 3 != 0;
    }

    /** Expected result lines: "p,b" pairs (b=-1 or p=-1 for null-extension), "p" for semi/anti, "p:mark" for mark. */
    private static List<String> reference(JoinType type, Rows probe, Rows build, boolean[] nullsEqual, boolean withResidual) {
        List<String> out = new ArrayList<>();
        boolean[] buildMatched = new boolean[build.rows.size()];
        boolean buildHasNull = false;
        for (Object[] b : build.rows) {
            for (int c = 0; c < keyCount(); c++) if (!nullsEqual[c] && b[c] == null) buildHasNull = true;
        }
        for (int p = 0; p < probe.rows.size(); p++) {
            Object[] pr = probe.rows.get(p);
            int matches = 0;
            for (int b = 0; b < build.rows.size(); b++) {
                if (keysMatch(pr, build.rows.get(b), nullsEqual) && (!withResidual || residual(p, b))) {
                    matches++;
                    buildMatched[b] = true;
                    if (type.outputsRight()) out.add(p + "," + b);
                }
            }
            switch (type) {
                case LEFT, FULL, SINGLE -> {
                    if (matches == 0) out.add(p + ",-1");
                }
                case SEMI -> {
                    if (matches > 0) out.add(String.valueOf(p));
                }
                case ANTI -> {
                    if (matches == 0) out.add(String.valueOf(p));
                }
                case MARK -> {
                    boolean keyNull = false;
                    for (int c = 0; c < keyCount(); c++) if (!nullsEqual[c] && pr[c] == null) keyNull = true;
                    String mark = matches > 0 ? "true" : build.rows.isEmpty() ? "false"
                            : (keyNull || buildHasNull) ? "null" : "false";
                    out.add(p + ":" + mark);
                }
                default -> {
                }
            }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            for (int b = 0; b < build.rows.size(); b++) if (!buildMatched[b]) out.add("-1," + b);
        }
        Collections.sort(out);
        return out;
    }

    private static JoinHashTable build(JoinType type, Rows build, boolean[] nullsEqual, int threads) throws Exception {
        JoinHashTable ht = new JoinHashTable(type, KEY_TYPES, nullsEqual, List.of(LogicalType.BIGINT));
        int n = build.rows.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    JoinHashTable.LocalBuild local = ht.createLocalBuild();
                    // interleaved chunks: thread t takes chunks t, t+threads, ...
                    for (int from = tt * 1000; from < n; from += threads * 1000) {
                        int c = Math.min(1000, n - from);
                        Vector[] v = vectors(build, from, c);
                        local.append(Arrays.copyOf(v, keyCount()), new Vector[]{v[2]}, c);
                    }
                    ht.addLocal(local);
                }));
            }
            for (Future<?> f : fs) f.get();
            ht.prepare();
            fs.clear();
            int parts = 4;
            for (int p = 0; p < parts; p++) {
                int pp = p;
                fs.add(pool.submit(() -> ht.link(pp, parts)));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        return ht;
    }

    private static List<String> run(JoinType type, Rows probe, Rows build, boolean[] nullsEqual, boolean withResidual,
                                    int threads) throws Exception {
        JoinHashTable ht = build(type, build, nullsEqual, threads);
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int chunk = 2048;
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    Vector buildIdx = new Vector(LogicalType.BIGINT, DataChunk.CAPACITY);
                    for (int from = tt * chunk; from < probe.rows.size(); from += threads * chunk) {
                        int c = Math.min(chunk, probe.rows.size() - from);
                        Vector[] v = vectors(probe, from, c);
                        int base = from;
                        Vector residualBuild = new Vector(LogicalType.BIGINT, DataChunk.CAPACITY);
                        PairFilter filter = !withResidual ? null : (pr, br, count) -> {
                            ht.payload(0).gather(br, count, residualBuild, 0);
                            int k = 0;
                            for (int i = 0; i < count; i++) {
                                if (residual(base + pr[i], residualBuild.longs[i])) {
                                    pr[k] = pr[i];
                                    br[k] = br[i];
                                    k++;
                                }
                            }
                            return k;
                        };
                        JoinProber prober = ht.newProber(filter);
                        prober.probe(Arrays.copyOf(v, keyCount()), c);
                        while (!prober.finished()) {
                            int n = prober.next();
                            assertTrue(n <= DataChunk.CAPACITY);
                            int[] pr = prober.probeRows();
                            switch (type) {
                                case SEMI, ANTI -> {
                                    for (int i = 0; i < n; i++) out.add(String.valueOf(base + pr[i]));
                                }
                                case MARK -> {
                                    Vector mark = new Vector(LogicalType.BOOLEAN, DataChunk.CAPACITY);
                                    prober.writeMark(mark);
                                    for (int i = 0; i < n; i++) {
                                        out.add((base + pr[i]) + ":" + (mark.isNull(pr[i]) ? "null" : mark.bytes[pr[i]] != 0));
                                    }
                                }
                                default -> {
                                    ht.payload(0).gather(prober.buildRows(), n, buildIdx, 0);
                                    for (int i = 0; i < n; i++) {
                                        out.add((base + pr[i]) + "," + (buildIdx.isNull(i) ? -1 : buildIdx.longs[i]));
                                    }
                                }
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        } finally {
            pool.shutdown();
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            int[] rows = new int[DataChunk.CAPACITY];
            Vector buildIdx = new Vector(LogicalType.BIGINT, DataChunk.CAPACITY);
            for (int from = 0; from < ht.rowCount(); from += DataChunk.CAPACITY) {
                int n = ht.unmatchedRows(from, Math.min(ht.rowCount(), from + DataChunk.CAPACITY), rows);
                ht.payload(0).gather(rows, n, buildIdx, 0);
                for (int i = 0; i < n; i++) out.add("-1," + buildIdx.longs[i]);
            }
        }
        List<String> sorted = new ArrayList<>(out);
        Collections.sort(sorted);
        return sorted;
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI", "MARK"})
    void joinTypesMatchReference(JoinType type) throws Exception {
        KEY_TYPES = List.of(LogicalType.BIGINT, LogicalType.VARCHAR);
        Random rnd = new Random(type.ordinal() * 31L + 7);
        Rows build = randomRows(rnd, 3000, 700, 0.05);
        Rows probe = randomRows(rnd, 5000, 900, 0.05);
        for (boolean[] nullsEqual : List.of(new boolean[]{false, false}, new boolean[]{true, false})) {
            for (boolean withResidual : List.of(false, true)) {
                assertEquals(reference(type, probe, build, nullsEqual, withResidual),
                        run(type, probe, build, nullsEqual, withResidual, 2),
                        type + " nullsEqual=" + Arrays.toString(nullsEqual) + " residual=" + withResidual);
            }
        }
    }

    /** The single integer key path (BIGINT and INTEGER keys) against the reference, with NULLs and duplicates. */
    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI", "MARK", "SINGLE"})
    void singleIntegerKeyMatchesReference(JoinType type) throws Exception {
        for (LogicalType kt : List.of(LogicalType.BIGINT, LogicalType.INTEGER)) {
            KEY_TYPES = List.of(kt);
            try {
                Random rnd = new Random(type.ordinal() * 17L + kt.hashCode());
                // SINGLE needs a unique build side; otherwise many duplicates (1:N, output > one chunk)
                Rows build = type == JoinType.SINGLE ? uniqueRows(rnd, 3000) : randomRows(rnd, 3000, 400, 0.05);
                Rows probe = randomRows(rnd, 5000, 600, 0.05);
                for (boolean[] nullsEqual : List.of(new boolean[]{false}, new boolean[]{true})) {
                    for (boolean withResidual : List.of(false, true)) {
                        assertEquals(reference(type, probe, build, nullsEqual, withResidual),
                                run(type, probe, build, nullsEqual, withResidual, 2),
                                type + " " + kt + " nullsEqual=" + Arrays.toString(nullsEqual) + " residual=" + withResidual);
                    }
                }
            } finally {
                KEY_TYPES = List.of(LogicalType.BIGINT, LogicalType.VARCHAR);
            }
        }
    }

    /** Distinct keys, exactly one of them NULL (so NULL-equal joins stay unique too). */
    private static Rows uniqueRows(Random rnd, int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long k1 = i == 0 ? null : (long) i * 3 - 1000;
            rows.add(new Object[]{k1, "x"});
        }
        Collections.shuffle(rows, rnd);
        return new Rows(rows);
    }

    @Test
    void markJoinNullSemantics() throws Exception {
        boolean[] eq = {false, false};
        // build without NULLs: probe NULL key -> NULL, no match -> false
        Rows build = new Rows(List.of(new Object[]{1L, "a"}, new Object[]{2L, "b"}));
        Rows probe = new Rows(List.of(new Object[]{1L, "a"}, new Object[]{3L, "c"}, new Object[]{null, "a"}));
        assertEquals(List.of("0:true", "1:false", "2:null"), run(JoinType.MARK, probe, build, eq, false, 1));
        // build with a NULL key: every non-match is NULL
        Rows buildNull = new Rows(List.of(new Object[]{1L, "a"}, new Object[]{null, "b"}));
        assertEquals(List.of("0:true", "1:null", "2:null"), run(JoinType.MARK, probe, buildNull, eq, false, 1));
        // only NULL keys on the build side: all NULL
        Rows onlyNull = new Rows(List.<Object[]>of(new Object[]{null, "b"}));
        assertEquals(List.of("0:null", "1:null", "2:null"), run(JoinType.MARK, probe, onlyNull, eq, false, 1));
        // empty build side: x IN (empty) is false, even for NULL x
        assertEquals(List.of("0:false", "1:false", "2:false"), run(JoinType.MARK, probe, new Rows(List.<Object[]>of()), eq, false, 1));
    }

    @Test
    void singleJoinFailsOnSecondMatch() throws Exception {
        boolean[] eq = {false, false};
        Rows build = new Rows(List.of(new Object[]{1L, "a"}, new Object[]{2L, "b"}));
        Rows probe = new Rows(List.of(new Object[]{1L, "a"}, new Object[]{1L, "a"}, new Object[]{5L, "x"}));
        assertEquals(List.of("0,0", "1,0", "2,-1"), run(JoinType.SINGLE, probe, build, eq, false, 1));
        Rows dup = new Rows(List.of(new Object[]{1L, "a"}, new Object[]{1L, "a"}));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(JoinType.SINGLE, probe, dup, eq, false, 1));
        assertTrue(e.getMessage().startsWith("More than one row returned by a subquery used as an expression"), e.getMessage());
    }

    @Test
    void singleJoinWithUniqueBuildMatchesReference() throws Exception {
        Random rnd = new Random(5);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 4000; i++) rows.add(new Object[]{(long) i, "k"});
        Rows build = new Rows(rows);
        Rows probe = randomRows(rnd, 6000, 5000, 0.1);
        List<Object[]> fixed = new ArrayList<>();
        for (Object[] p : probe.rows) fixed.add(new Object[]{p[0], "k"});
        Rows probeK = new Rows(fixed);
        boolean[] eq = {false, false};
        assertEquals(reference(JoinType.SINGLE, probeK, build, eq, false), run(JoinType.SINGLE, probeK, build, eq, false, 2));
    }

    @Test
    void skewedKeysProduceMoreThanOneOutputChunk() throws Exception {
        // every probe row matches 100 build rows: output must be split into full batches
        List<Object[]> b = new ArrayList<>();
        for (int i = 0; i < 100; i++) b.add(new Object[]{7L, "x"});
        List<Object[]> p = new ArrayList<>();
        for (int i = 0; i < 2048; i++) p.add(new Object[]{7L, "x"});
        boolean[] eq = {false, false};
        List<String> got = run(JoinType.INNER, new Rows(p), new Rows(b), eq, false, 1);
        assertEquals(204800, got.size());
        assertEquals(reference(JoinType.INNER, new Rows(p), new Rows(b), eq, false), got);
    }

    @Test
    void otherKeyTypesUseSqlEquality() {
        // DOUBLE: -0.0 = 0.0 and NaN = NaN; HUGEINT; INTERVAL '1 month' = '30 days'
        List<LogicalType> types = List.of(LogicalType.DOUBLE, LogicalType.HUGEINT, LogicalType.INTERVAL);
        JoinHashTable ht = new JoinHashTable(JoinType.INNER, types, new boolean[3], List.of());
        JoinHashTable.LocalBuild local = ht.createLocalBuild();
        Vector d = new Vector(LogicalType.DOUBLE, 4);
        Vector h = new Vector(LogicalType.HUGEINT, 4);
        Vector iv = new Vector(LogicalType.INTERVAL, 4);
        d.doubles[0] = 0.0;
        d.doubles[1] = Double.NaN;
        h.setObject(0, BigInteger.ONE.shiftLeft(100));
        h.setObject(1, BigInteger.valueOf(-5));
        iv.setObject(0, new Interval(1, 0, 0));
        iv.setObject(1, new Interval(0, 1, 0));
        local.append(new Vector[]{d, h, iv}, new Vector[0], 2);
        ht.addLocal(local);
        ht.finalizeBuild();
        Vector pd = new Vector(LogicalType.DOUBLE, 4);
        Vector ph = new Vector(LogicalType.HUGEINT, 4);
        Vector piv = new Vector(LogicalType.INTERVAL, 4);
        pd.doubles[0] = -0.0;
        pd.doubles[1] = Double.longBitsToDouble(0x7ff8000000000123L);
        pd.doubles[2] = 0.0;
        ph.setObject(0, BigInteger.ONE.shiftLeft(100));
        ph.setObject(1, BigInteger.valueOf(-5));
        ph.setObject(2, BigInteger.ONE.shiftLeft(101));
        piv.setObject(0, new Interval(0, 30, 0));
        piv.setObject(1, new Interval(0, 0, Interval.MICROS_PER_DAY));
        piv.setObject(2, new Interval(1, 0, 0));
        JoinProber p = ht.newProber(null);
        p.probe(new Vector[]{pd, ph, piv}, 3);
        List<String> pairs = new ArrayList<>();
        while (!p.finished()) {
            int n = p.next();
            for (int i = 0; i < n; i++) pairs.add(p.probeRows()[i] + "," + p.buildRows()[i]);
        }
        Collections.sort(pairs);
        assertEquals(List.of("0,0", "1,1"), pairs);
    }
}
