package io.tealdb.function;

import io.tealdb.function.aggregate.BuiltinAggregates;
import io.tealdb.function.scalar.BuiltinScalars;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in functions of the default {@link FunctionRegistry}, registered family by family at
 * the first lookup of a name that the family registers. Registering every built-in links some six
 * hundred lambdas (each a class the JVM spins at first use: most of a cold start's class loading
 * and a good part of its JIT work), while a query needs a few families: TPC-H Q1 needs the
 * arithmetic operators and the aggregates.
 *
 * <p>Which family registers which names comes from {@value #INDEX}, a resource next to this class
 * that {@code BuiltinFunctionIndexTest} checks against the registration code (and rewrites on
 * request). Without it, or with one naming other families, every family is registered at once, as
 * before. Lookups give what an eager registration gives: the overloads of a name in registration
 * order (family by family, in {@link #FAMILIES} order), aliases copying what their family saw of
 * the target when it registered. Families load under this object's lock; looked-up lists are
 * immutable and published through a concurrent map.
 */
final class LazyBuiltins {
    /** The resource listing the names of each family. */
    static final String INDEX = "builtin-functions.idx";
    /** The families in registration order: the scalar families, then the aggregate families. */
    static final List<String> FAMILIES;

    static {
        List<String> f = new ArrayList<>(BuiltinScalars.FAMILIES);
        f.addAll(BuiltinAggregates.FAMILIES);
        FAMILIES = List.copyOf(f);
    }

    private final FunctionRegistry registry;
    /** Name (lower case) to the families that register it, ascending. */
    private volatile Map<String, int[]> scalarFamilies = Map.of();
    private volatile Map<String, int[]> aggregateFamilies = Map.of();
    /** Whether the two maps above are set (guarded by this until the registry is published). */
    private boolean indexed;
    /** Every family registered and the maps rebuilt from what they registered (guarded by this). */
    private volatile boolean complete;
    private final List<Map<String, List<ScalarOverload>>> scalarBuckets = new ArrayList<>();
    private final List<Map<String, List<AggregateOverload>>> aggregateBuckets = new ArrayList<>();
    private final boolean[] loaded = new boolean[FAMILIES.size()];
    /** The family being registered (guarded by this), or -1. */
    private int loading = -1;
    private final Map<String, List<ScalarOverload>> scalars = new ConcurrentHashMap<>();
    private final Map<String, List<AggregateOverload>> aggregates = new ConcurrentHashMap<>();

    /**
     * Built-ins of {@code registry} (whose adds come here) as {@code index} lists them: call
     * {@link #index} once the registry refers to this object.
     */
    LazyBuiltins(FunctionRegistry registry) {
        this.registry = registry;
        for (int i = 0; i < FAMILIES.size(); i++) {
            scalarBuckets.add(new HashMap<>());
            aggregateBuckets.add(new HashMap<>());
        }
    }

    /** Reads {@code index} (the resource when null); without a usable one, registers every family now. */
    synchronized void index(String index) {
        Map<String, int[]> s = new HashMap<>();
        Map<String, int[]> a = new HashMap<>();
        if (index == null || !parse(index, s, a)) {
            completeIndex();
            return;
        }
        scalarFamilies = s;
        aggregateFamilies = a;
        indexed = true;
    }

    /**
     * Registers every family and rebuilds the name maps from what they registered: at open without
     * an index, and at the first lookup of a name the index does not list (an index older than the
     * code still finds every function, at the price of an eager registration).
     */
    private synchronized void completeIndex() {
        if (complete) return;
        indexed = false; // each family's aliases see every earlier family: all are loaded, in order
        Map<String, int[]> s = new HashMap<>();
        Map<String, int[]> a = new HashMap<>();
        for (int i = 0; i < FAMILIES.size(); i++) {
            load(i);
            for (String n : scalarBuckets.get(i).keySet()) s.merge(n, new int[]{i}, LazyBuiltins::concat);
            for (String n : aggregateBuckets.get(i).keySet()) a.merge(n, new int[]{i}, LazyBuiltins::concat);
        }
        scalarFamilies = s;
        aggregateFamilies = a;
        scalars.clear(); // lists merged from a stale index may lack overloads
        aggregates.clear();
        indexed = true;
        complete = true;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static String readIndex() {
        try (InputStream in = LazyBuiltins.class.getResourceAsStream(INDEX)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Fills the maps from the index text; false when it does not list exactly {@link #FAMILIES}. */
    private static boolean parse(String index, Map<String, int[]> s, Map<String, int[]> a) {
        List<String> families = null;
        for (String line : index.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f[0].equals("families")) {
                families = f.length == 2 ? List.of(f[1].split(" ")) : List.of();
                if (!families.equals(FAMILIES)) return false;
                continue;
            }
            if (families == null || f.length != 3 || !(f[1].equals("S") || f[1].equals("A"))) return false;
            int family = families.indexOf(f[0]);
            if (family < 0) return false;
            Map<String, int[]> target = f[1].equals("S") ? s : a;
            for (String n : f[2].split(" ")) {
                if (!n.isEmpty()) target.merge(n, new int[]{family}, LazyBuiltins::concat);
            }
        }
        return families != null;
    }

    /** The index of what this object registered (all families loaded), in the resource's format. */
    synchronized String render() {
        StringBuilder sb = new StringBuilder("# The names each built-in function family registers (LazyBuiltins), generated by\n")
                .append("# BuiltinFunctionIndexTest: mvn -pl engine -am verify -Dtest=BuiltinFunctionIndexTest -Dtealdb.writeFunctionIndex=true\n")
                .append("families\t").append(String.join(" ", FAMILIES)).append('\n');
        for (int i = 0; i < FAMILIES.size(); i++) {
            load(i);
            line(sb, i, "S", scalarBuckets.get(i).keySet());
            line(sb, i, "A", aggregateBuckets.get(i).keySet());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, int family, String kind, Set<String> names) {
        if (names.isEmpty()) return;
        for (String n : names) {
            if (n.isEmpty() || n.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalStateException("a built-in function name the index cannot hold: '" + n + "'");
            }
        }
        sb.append(FAMILIES.get(family)).append('\t').append(kind).append('\t').append(String.join(" ", new TreeSet<>(names))).append('\n');
    }

    /** Registers family {@code f} unless it is; the caller holds this object's lock. */
    private void load(int f) {
        if (loaded[f]) return;
        int outer = loading;
        loading = f;
        try {
            int scalarCount = BuiltinScalars.FAMILIES.size();
            if (f < scalarCount) {
                BuiltinScalars.registerFamily(f, registry);
            } else {
                BuiltinAggregates.registerFamily(f - scalarCount, registry);
            }
            loaded[f] = true;
        } finally {
            loading = outer;
            if (!loaded[f]) {
                // a failed registration leaves nothing behind: the next lookup tries again
                scalarBuckets.get(f).clear();
                aggregateBuckets.get(f).clear();
            }
        }
    }

    /** The families registered so far (tests). */
    synchronized List<String> loadedFamilies() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < loaded.length; i++) {
            if (loaded[i]) out.add(FAMILIES.get(i));
        }
        return out;
    }

    // ------------------------------------------------------------------ registration (while a family loads)

    synchronized void addScalar(String key, ScalarOverload o) {
        bucket(scalarBuckets).computeIfAbsent(key, k -> new ArrayList<>()).add(o);
    }

    synchronized void addAggregate(String key, AggregateOverload o) {
        bucket(aggregateBuckets).computeIfAbsent(key, k -> new ArrayList<>()).add(o);
    }

    private <T> Map<String, List<T>> bucket(List<Map<String, List<T>>> buckets) {
        if (loading < 0) {
            throw new UnsupportedOperationException("the built-in function registry cannot be changed");
        }
        return buckets.get(loading);
    }

    /** What an eager registration would hold for {@code key} at this point of the loading family. */
    synchronized List<ScalarOverload> scalarsSoFar(String key) {
        return soFar(key, scalarFamilies.get(key), scalarBuckets);
    }

    synchronized List<AggregateOverload> aggregatesSoFar(String key) {
        return soFar(key, aggregateFamilies.get(key), aggregateBuckets);
    }

    private <T> List<T> soFar(String key, int[] families, List<Map<String, List<T>>> buckets) {
        int current = loading;
        if (current < 0) {
            throw new UnsupportedOperationException("the built-in function registry cannot be changed");
        }
        List<T> out = new ArrayList<>();
        for (int f = 0; f < current; f++) {
            // without the index yet (every family registering in order) the earlier ones are all loaded
            if (indexed ? families != null && Arrays.binarySearch(families, f) >= 0 : loaded[f]) {
                load(f);
                out.addAll(buckets.get(f).getOrDefault(key, List.of()));
            }
        }
        out.addAll(buckets.get(current).getOrDefault(key, List.of()));
        return out;
    }

    // ------------------------------------------------------------------ lookup

    boolean hasScalar(String key) {
        return scalarFamilies(key) != null;
    }

    boolean hasAggregate(String key) {
        return aggregateFamilies(key) != null;
    }

    /**
     * The families registering a scalar of this name. A name the index lists neither as a scalar nor
     * as an aggregate completes it first: an index older than the code still finds every function.
     */
    private int[] scalarFamilies(String key) {
        int[] f = scalarFamilies.get(key);
        if (f != null || complete || aggregateFamilies.containsKey(key)) return f;
        completeIndex();
        return scalarFamilies.get(key);
    }

    private int[] aggregateFamilies(String key) {
        int[] f = aggregateFamilies.get(key);
        if (f != null || complete || scalarFamilies.containsKey(key)) return f;
        completeIndex();
        return aggregateFamilies.get(key);
    }

    Set<String> scalarNames() {
        return Collections.unmodifiableSet(scalarFamilies.keySet());
    }

    Set<String> aggregateNames() {
        return Collections.unmodifiableSet(aggregateFamilies.keySet());
    }

    /** The overloads of {@code key} (null: no such function), registering their families first. */
    List<ScalarOverload> scalars(String key) {
        List<ScalarOverload> l = scalars.get(key);
        return l != null ? l : merged(key, scalarFamilies(key), scalarBuckets, scalars);
    }

    List<AggregateOverload> aggregates(String key) {
        List<AggregateOverload> l = aggregates.get(key);
        return l != null ? l : merged(key, aggregateFamilies(key), aggregateBuckets, aggregates);
    }

    private synchronized <T> List<T> merged(String key, int[] families, List<Map<String, List<T>>> buckets, Map<String, List<T>> cache) {
        if (families == null) return null;
        List<T> l = cache.get(key);
        if (l != null) return l;
        List<T> out = new ArrayList<>();
        for (int f : families) {
            load(f);
            out.addAll(buckets.get(f).getOrDefault(key, List.of()));
        }
        l = List.copyOf(out);
        cache.put(key, l);
        return l;
    }
}
