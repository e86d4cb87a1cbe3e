package io.tealdb.function;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.function.cast.CastRules;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * All built-in scalar and aggregate functions (operators included: "+", "-", "~~", ...), with
 * DuckDB-like overload resolution: each overload costs the sum of the implicit cast costs of the
 * arguments (exact match 0), the cheapest wins, ties go to the overload registered first.
 * Names are case-insensitive. Thread-safe once built: the default registry registers its families
 * of built-ins at the first lookup of one of their names ({@link LazyBuiltins}) and cannot be
 * changed; the others are not changed after construction.
 */
public final class FunctionRegistry {
    /**
     * Suffix of the strict variants of floating-point functions (errors instead of NaN/inf), used
     * when the session sets {@code ieee_floating_point_ops = false}.
     */
    public static final String STRICT_MATH_SUFFIX = "!strict";

    private static final FunctionRegistry DEFAULT = new FunctionRegistry();

    private final Map<String, List<ScalarOverload>> scalars = new HashMap<>();
    private final Map<String, List<AggregateOverload>> aggregates = new HashMap<>();
    /** The default registry's built-ins, registered family by family on demand; null in others. */
    private final LazyBuiltins builtins;

    /** The shared registry with every built-in function (each family registered at its first lookup). */
    public static FunctionRegistry getDefault() {
        return DEFAULT;
    }

    /** An empty registry (tests) or one with the built-ins, all registered now. */
    public FunctionRegistry(boolean withBuiltins) {
        builtins = null;
        if (withBuiltins) {
            io.tealdb.function.scalar.BuiltinScalars.register(this);
            io.tealdb.function.aggregate.BuiltinAggregates.register(this);
        }
    }

    /** The built-ins, registered by {@link LazyBuiltins}; it cannot be changed. */
    private FunctionRegistry() {
        this(LazyBuiltins.readIndex());
    }

    /** A registry like the default one, guided by {@code index} (null: none, every family registered now). */
    static FunctionRegistry lazyBuiltins(String index) {
        return new FunctionRegistry(index);
    }

    private FunctionRegistry(String index) {
        builtins = new LazyBuiltins(this);
        builtins.index(index);
    }

    LazyBuiltins builtins() {
        return builtins;
    }

    // ------------------------------------------------------------------ registration

    public void addScalar(ScalarOverload o) {
        String key = o.name().toLowerCase(Locale.ROOT);
        if (builtins != null) {
            builtins.addScalar(key, o);
        } else {
            scalars.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
        }
    }

    public void addAggregate(AggregateOverload o) {
        String key = o.name().toLowerCase(Locale.ROOT);
        if (builtins != null) {
            builtins.addAggregate(key, o);
        } else {
            aggregates.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
        }
    }

    /** The overloads of a name registered so far (for aliases). */
    private List<ScalarOverload> scalarsSoFar(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return builtins != null ? builtins.scalarsSoFar(key) : scalars.getOrDefault(key, List.of());
    }

    private List<AggregateOverload> aggregatesSoFar(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return builtins != null ? builtins.aggregatesSoFar(key) : aggregates.getOrDefault(key, List.of());
    }

    /** Registers the same overloads under another name (alias). */
    public void aliasScalar(String alias, String target) {
        for (ScalarOverload o : scalarsSoFar(target)) {
            addScalar(new ScalarOverload(alias, o.params(), o.varargs(), o.binder()));
        }
    }

    /** Registers the overloads of {@code target} accepted by {@code filter} under another name. */
    public void aliasScalar(String alias, String target, java.util.function.Predicate<ScalarOverload> filter) {
        for (ScalarOverload o : scalarsSoFar(target)) {
            if (filter.test(o)) addScalar(new ScalarOverload(alias, o.params(), o.varargs(), o.binder()));
        }
    }

    public void aliasAggregate(String alias, String target) {
        for (AggregateOverload o : aggregatesSoFar(target)) {
            addAggregate(new AggregateOverload(alias, o.params(), o.binder()));
        }
    }

    // ------------------------------------------------------------------ lookup

    public boolean isScalar(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return builtins != null ? builtins.hasScalar(key) : scalars.containsKey(key);
    }

    public boolean isAggregate(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return builtins != null ? builtins.hasAggregate(key) : aggregates.containsKey(key);
    }

    public Set<String> scalarNames() {
        return builtins != null ? builtins.scalarNames() : Collections.unmodifiableSet(scalars.keySet());
    }

    public Set<String> aggregateNames() {
        return builtins != null ? builtins.aggregateNames() : Collections.unmodifiableSet(aggregates.keySet());
    }

    /** The overloads of a scalar (aggregate) function, in resolution order (tests). */
    List<String> signatures(String name, boolean aggregate) {
        String key = name.toLowerCase(Locale.ROOT);
        List<?> l = aggregate ? (builtins != null ? builtins.aggregates(key) : aggregates.get(key))
                : (builtins != null ? builtins.scalars(key) : scalars.get(key));
        return l == null ? List.of() : l.stream().map(Object::toString).toList();
    }

    /** count(*). */
    public AggregateFunction countStar() {
        return bindAggregate("count_star", List.of());
    }

    public ScalarFunction bindScalar(String name, List<LogicalType> argTypes) {
        return bindScalar(name, argTypes, null);
    }

    /**
     * Resolves a scalar call. {@code constants} (may be null, or hold null entries) gives the values
     * of literal arguments: an integer literal may bind to any integer type that holds it (so
     * {@code tinyint_col + 1} stays TINYINT, {@code decimal_col - 1} uses DECIMAL(1,0) for the 1),
     * and a VARCHAR literal may be cast to any parameter type.
     */
    public ScalarFunction bindScalar(String name, List<LogicalType> argTypes, List<Value> constants) {
        String key = name.toLowerCase(Locale.ROOT);
        List<ScalarOverload> overloads = builtins != null ? builtins.scalars(key) : scalars.get(key);
        if (overloads == null) {
            throw new CatalogException("Scalar Function with name " + key + " does not exist!");
        }
        ScalarOverload best = null;
        List<LogicalType> bestTypes = null;
        int bestCost = Integer.MAX_VALUE;
        // DuckDB keeps integer operands of + - * // % with an unsigned among them on integer
        // overloads when one applies (UBIGINT + TINYINT is HUGEINT, not the cheaper DOUBLE; yet
        // floor(UBIGINT) is DOUBLE); signed-only calls never need this, their cheapest overload
        // already is an integer one
        boolean integersOnly = argTypes.size() == 2 && ARITHMETIC.contains(key) && argTypes.stream().allMatch(t -> t != null && t.isInteger())
                && argTypes.stream().anyMatch(t -> t.id().isUnsigned())
                && overloads.stream().anyMatch(o -> integerOverload(o) && match(o.params(), o.varargs(), argTypes, constants, new ArrayList<>()) >= 0);
        for (ScalarOverload o : overloads) {
            if (integersOnly && !integerOverload(o)) {
                continue;
            }
            List<LogicalType> resolved = new ArrayList<>(argTypes.size());
            int cost = match(o.params(), o.varargs(), argTypes, constants, resolved);
            if (cost >= 0 && cost < bestCost) {
                best = o;
                bestTypes = resolved;
                bestCost = cost;
            }
        }
        if (best == null) {
            throw noMatch(key, literalTypes(argTypes, constants), overloads.stream().map(Object::toString).toList());
        }
        List<Value> consts = new ArrayList<>();
        for (int i = 0; i < argTypes.size(); i++) {
            consts.add(constants == null || i >= constants.size() ? null : constants.get(i));
        }
        return best.binder().bind(List.copyOf(bestTypes), Collections.unmodifiableList(consts));
    }

    private static final java.util.Set<String> ARITHMETIC = java.util.Set.of("+", "-", "*", "//", "%");

    private static boolean integerOverload(ScalarOverload o) {
        return o.varargs() == null && !o.params().isEmpty()
                && o.params().stream().allMatch(p -> p instanceof ArgSpec.Exact e && e.type().isInteger());
    }

    public AggregateFunction bindAggregate(String name, List<LogicalType> argTypes) {
        return bindAggregate(name, argTypes, null);
    }

    public AggregateFunction bindAggregate(String name, List<LogicalType> argTypes, List<Value> constants) {
        String key = name.toLowerCase(Locale.ROOT);
        List<AggregateOverload> overloads = builtins != null ? builtins.aggregates(key) : aggregates.get(key);
        if (overloads == null) {
            throw new CatalogException("Aggregate Function with name " + key + " does not exist!");
        }
        AggregateOverload best = null;
        List<LogicalType> bestTypes = null;
        int bestCost = Integer.MAX_VALUE;
        for (AggregateOverload o : overloads) {
            List<LogicalType> resolved = new ArrayList<>(argTypes.size());
            int cost = match(o.params(), null, argTypes, constants, resolved);
            if (cost >= 0 && cost < bestCost) {
                best = o;
                bestTypes = resolved;
                bestCost = cost;
            }
        }
        if (best == null) {
            throw noMatch(key, argTypes, overloads.stream().map(Object::toString).toList());
        }
        return best.binder().apply(List.copyOf(bestTypes));
    }

    /**
     * The argument types as DuckDB names them in a binding error: an integer literal is
     * INTEGER_LITERAL and a string literal STRING_LITERAL (they still may become other types).
     */
    private static List<String> literalTypes(List<LogicalType> argTypes, List<Value> constants) {
        List<String> out = new ArrayList<>(argTypes.size());
        for (int i = 0; i < argTypes.size(); i++) {
            LogicalType t = argTypes.get(i);
            Value c = constants == null || i >= constants.size() ? null : constants.get(i);
            if (t != null && c != null && !c.isNull() && t.isInteger() && c.object() instanceof Number) out.add("INTEGER_LITERAL");
            else if (t != null && c != null && !c.isNull() && t.id() == TypeId.VARCHAR && c.object() instanceof String) out.add("STRING_LITERAL");
            else out.add(t == null || t.id() == TypeId.SQLNULL ? "NULL" : t.toString());
        }
        return out;
    }

    private static BinderException noMatch(String name, List<?> argTypes, List<String> candidates) {
        StringBuilder sb = new StringBuilder("No function matches the given name and argument types '").append(name).append('(');
        for (int i = 0; i < argTypes.size(); i++) {
            Object t = argTypes.get(i);
            sb.append(i > 0 ? ", " : "").append(t == null || t instanceof LogicalType l && l.id() == TypeId.SQLNULL ? "NULL" : t);
        }
        sb.append(")'. You might need to add explicit type casts.\n\tCandidate functions:");
        for (String c : candidates) {
            sb.append("\n\t").append(c);
        }
        return new BinderException(sb.toString());
    }

    /** Total cost of calling params with args (or -1), filling the concrete types to cast to. */
    private static int match(List<ArgSpec> params, ArgSpec varargs, List<LogicalType> args, List<Value> constants, List<LogicalType> resolved) {
        if (args.size() < params.size() || (varargs == null && args.size() != params.size())) {
            return -1;
        }
        int total = 0;
        for (int i = 0; i < args.size(); i++) {
            ArgSpec spec = i < params.size() ? params.get(i) : varargs;
            Value constant = constants == null || i >= constants.size() ? null : constants.get(i);
            int c = argCost(spec, args.get(i), constant, resolved);
            if (c < 0) {
                return -1;
            }
            total += c;
        }
        return total;
    }

    private static int argCost(ArgSpec spec, LogicalType arg, Value constant, List<LogicalType> resolved) {
        switch (spec) {
            case ArgSpec.Any any -> {
                resolved.add(arg);
                return 0;
            }
            case ArgSpec.Family fam -> {
                if (arg.id() == fam.id()) {
                    resolved.add(arg);
                    return 0;
                }
                if (fam.id() == TypeId.LIST && arg.id() == TypeId.ARRAY) {
                    resolved.add(LogicalType.list(arg.childType()));
                    return 1;
                }
                if (arg.id() == TypeId.SQLNULL && fam.id() != TypeId.ENUM && fam.id() != TypeId.UNION) {
                    resolved.add(switch (fam.id()) {
                        case MAP -> LogicalType.map(LogicalType.SQLNULL, LogicalType.SQLNULL);
                        case STRUCT -> LogicalType.struct(List.of());
                        default -> LogicalType.list(LogicalType.SQLNULL);
                    });
                    return 1;
                }
                return -1;
            }
            case ArgSpec.AnyDecimal dec -> {
                if (arg.id() == TypeId.DECIMAL) {
                    resolved.add(arg);
                    return 0;
                }
                if (arg.isInteger()) {
                    // an integer literal takes its type's width, as any integer does (DuckDB 2.0:
                    // typeof(1.05 + 1) is DECIMAL(13,2))
                    resolved.add(CastRules.integerAsDecimal(arg));
                    return CastRules.implicitCastCost(arg, LogicalType.decimal(38, 0));
                }
                if (arg.id() == TypeId.SQLNULL) {
                    resolved.add(LogicalType.decimal(18, 3));
                    return 104;
                }
                if (arg.id() == TypeId.VARCHAR && constant != null) {
                    resolved.add(LogicalType.decimal(18, 3));
                    return 104;
                }
                return -1;
            }
            case ArgSpec.Exact exact -> {
                LogicalType to = exact.type();
                resolved.add(to);
                if (arg.equals(to)) {
                    return 0;
                }
                if (constant != null && !constant.isNull()) {
                    // an integer literal casts to any integer type that holds it, and to FLOAT and
                    // DOUBLE, at the target's cost less 90 (DuckDB's INTEGER_LITERAL), so that
                    // tinyint_col + 1 stays TINYINT and bigint_col * 1000 BIGINT
                    if (arg.isInteger() && constant.object() instanceof Number n
                            && (to.isInteger() && fits(n, to.id()) || to.id() == TypeId.FLOAT || to.id() == TypeId.DOUBLE)) {
                        return CastRules.implicitCastCost(LogicalType.SQLNULL, to) - 90;
                    }
                    if (arg.id() == TypeId.VARCHAR) {
                        return 110;
                    }
                }
                return CastRules.implicitCastCost(arg, to);
            }
        }
    }

    private static boolean fits(Number n, TypeId id) {
        if (n instanceof BigInteger b) {
            return switch (id) {
                case HUGEINT -> true;
                case UBIGINT -> b.signum() >= 0 && b.bitLength() <= 64;
                case UHUGEINT -> b.signum() >= 0;
                default -> b.bitLength() < 64 && fits(b.longValue(), id);
            };
        }
        long v = n.longValue();
        return switch (id) {
            case UTINYINT -> v >= 0 && v <= 0xFF;
            case USMALLINT -> v >= 0 && v <= 0xFFFF;
            case UINTEGER -> v >= 0 && v <= 0xFFFF_FFFFL;
            case UBIGINT, UHUGEINT -> v >= 0;
            case TINYINT -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case SMALLINT -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INTEGER -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case BIGINT, HUGEINT -> true;
            default -> false;
        };
    }
}
