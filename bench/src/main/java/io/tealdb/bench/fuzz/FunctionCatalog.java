package io.tealdb.bench.fuzz;

import io.tealdb.function.FunctionRegistry;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The call signatures the query generator may use, found by asking the engine's function registry
 * which argument types each scalar and aggregate function binds to (random probes over
 * {@link #TYPES}), with the result type each binding gives. Indexed by result type, so that the
 * generator can ask for "an expression of type T" and get a well-typed call most of the time.
 */
public final class FunctionCatalog {
    /** The types the generator works with: columns, literals, casts and probed arguments. */
    public static final List<LogicalType> TYPES = List.of(LogicalType.BOOLEAN, LogicalType.TINYINT, LogicalType.SMALLINT,
            LogicalType.INTEGER, LogicalType.BIGINT, LogicalType.HUGEINT, LogicalType.UBIGINT, LogicalType.UTINYINT,
            LogicalType.FLOAT, LogicalType.DOUBLE, LogicalType.decimal(18, 3), LogicalType.decimal(38, 10),
            LogicalType.VARCHAR, LogicalType.BLOB, LogicalType.DATE, LogicalType.TIME, LogicalType.TIMESTAMP,
            LogicalType.TIMESTAMP_TZ, LogicalType.INTERVAL, LogicalType.UUID, LogicalType.list(LogicalType.INTEGER),
            LogicalType.list(LogicalType.VARCHAR));

    /**
     * Functions whose calls would only measure the machine or touch its files, not the engine's
     * handling of odd values: sleeping, reading files or the environment.
     */
    private static final Set<String> EXCLUDED = Set.of("sleep", "sleep_ms", "getenv", "read_text", "read_blob",
            "pg_sleep", "current_setting", "setseed", "nextval", "currval");

    /** One probed binding: {@code name(args...) -> result}; aggregate tells the two kinds apart. */
    public record Signature(String name, List<LogicalType> args, LogicalType result, boolean aggregate) {
        /** An operator spelled with symbols ({@code +}, {@code ~~}, {@code ->>}), written infix or prefix. */
        public boolean isOperator() {
            return !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_';
        }
    }

    private final List<Signature> scalars = new ArrayList<>();
    private final List<Signature> aggregates = new ArrayList<>();
    private final Map<LogicalType, List<Signature>> scalarsByResult = new HashMap<>();
    private final Map<LogicalType, List<Signature>> aggregatesByResult = new HashMap<>();

    /** Probes every registered function {@code probes} times with random argument types (deterministic for a seed). */
    public static FunctionCatalog probe(FunctionRegistry registry, long seed, int probes) {
        FunctionCatalog c = new FunctionCatalog();
        Random rnd = new Random(seed);
        for (String name : new TreeSet<>(registry.scalarNames())) {
            if (EXCLUDED.contains(name) || name.contains("!")) continue;
            for (List<LogicalType> args : argumentProbes(rnd, probes)) {
                try {
                    LogicalType r = registry.bindScalar(name, args).returnType();
                    c.add(new Signature(name, args, r, false));
                } catch (RuntimeException ignored) {
                    // these argument types do not bind: not a signature
                }
            }
        }
        for (String name : new TreeSet<>(registry.aggregateNames())) {
            if (EXCLUDED.contains(name) || name.contains("!") || name.equals("count_star")) continue;
            for (List<LogicalType> args : argumentProbes(rnd, probes)) {
                if (args.isEmpty()) continue;
                try {
                    LogicalType r = registry.bindAggregate(name, args).returnType();
                    c.add(new Signature(name, args, r, true));
                } catch (RuntimeException ignored) {
                    // not a signature
                }
            }
        }
        return c;
    }

    /** Argument type lists to try: arities 0–3, the same type repeated half the time (many functions want that). */
    private static List<List<LogicalType>> argumentProbes(Random rnd, int probes) {
        List<List<LogicalType>> out = new ArrayList<>();
        out.add(List.of());
        for (int i = 0; i < probes; i++) {
            int arity = 1 + rnd.nextInt(3);
            LogicalType first = TYPES.get(rnd.nextInt(TYPES.size()));
            List<LogicalType> args = new ArrayList<>();
            for (int a = 0; a < arity; a++) {
                args.add(a == 0 || rnd.nextBoolean() ? first : TYPES.get(rnd.nextInt(TYPES.size())));
            }
            if (!out.contains(args)) out.add(List.copyOf(args));
        }
        return out;
    }

    private void add(Signature s) {
        if (s.result() == null) return;
        (s.aggregate() ? aggregates : scalars).add(s);
        (s.aggregate() ? aggregatesByResult : scalarsByResult).computeIfAbsent(s.result(), k -> new ArrayList<>()).add(s);
    }

    public List<Signature> scalars() {
        return scalars;
    }

    public List<Signature> aggregates() {
        return aggregates;
    }

    /** Scalar signatures whose result is {@code type} (empty when none was found). */
    public List<Signature> scalarsReturning(LogicalType type) {
        return scalarsByResult.getOrDefault(type, List.of());
    }

    /** Aggregate signatures whose result is {@code type} (empty when none was found). */
    public List<Signature> aggregatesReturning(LogicalType type) {
        return aggregatesByResult.getOrDefault(type, List.of());
    }
}
