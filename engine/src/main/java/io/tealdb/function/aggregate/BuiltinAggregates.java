package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateOverload;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.types.LogicalType;

import java.util.List;

import static io.tealdb.types.LogicalType.*;

/** Registers every built-in aggregate function with DuckDB's names and result types. */
public final class BuiltinAggregates {
    private BuiltinAggregates() {
    }

    static final List<LogicalType> INTEGERS = List.of(TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT);
    static final List<LogicalType> ALL = List.of(BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, FLOAT, DOUBLE,
            VARCHAR, BLOB, DATE, TIME, TIMESTAMP, INTERVAL, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT, UUID,
            TIMESTAMP_TZ, TIME_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS, BIGNUM);

    private static void add(FunctionRegistry r, String name, List<ArgSpec> params, java.util.function.Function<List<LogicalType>, io.tealdb.function.AggregateFunction> b) {
        r.addAggregate(new AggregateOverload(name, params, b));
    }

    /**
     * The families of built-in aggregates, in registration order: the default registry loads each
     * at the first lookup of a name it registers (see {@link FunctionRegistry}).
     */
    public static final List<String> FAMILIES = List.of("CountSumAggregates", "StatAggregates", "ValueAggregates", "NestedAggregates", "HolisticAggregates");

    /** Registers every built-in aggregate, in order. */
    public static void register(FunctionRegistry r) {
        for (int i = 0; i < FAMILIES.size(); i++) {
            registerFamily(i, r);
        }
    }

    /** Registers family {@code i} of {@link #FAMILIES}. */
    public static void registerFamily(int i, FunctionRegistry r) {
        switch (i) {
            case 0 -> registerCounts(r);
            case 1 -> registerStatistics(r);
            case 2 -> registerValues(r);
            case 3 -> registerNestedBitsAndStrings(r);
            case 4 -> registerHolistic(r);
            default -> throw new IllegalArgumentException("no built-in aggregate family " + i);
        }
    }

    /** count, sum, avg and their aliases. */
    private static void registerCounts(FunctionRegistry r) {
        add(r, "count_star", List.of(), t -> new CountAggregate("count_star", t, true));
        add(r, "count", List.of(), t -> new CountAggregate("count_star", t, true));
        add(r, "count", List.of(ArgSpec.ANY), t -> new CountAggregate("count", t, false));

        // sum / avg
        for (LogicalType t : INTEGERS) {
            add(r, "sum", List.of(ArgSpec.of(t)), ts -> new SumAggregate("sum", ts.get(0), false));
            add(r, "avg", List.of(ArgSpec.of(t)), ts -> new SumAggregate("avg", ts.get(0), true));
        }
        // unsigned as DuckDB binds them: UTINYINT..UINTEGER reach sum/avg(BIGINT) by implicit cast,
        // UBIGINT has its own exact sum (HUGEINT) but averages as DOUBLE, UHUGEINT goes to DOUBLE
        add(r, "sum", List.of(ArgSpec.of(UBIGINT)), ts -> new SumAggregate("sum", ts.get(0), false));
        add(r, "sum", List.of(ArgSpec.DECIMAL), ts -> new SumAggregate("sum", ts.get(0), false));
        add(r, "avg", List.of(ArgSpec.DECIMAL), ts -> new SumAggregate("avg", ts.get(0), true));
        add(r, "sum", List.of(ArgSpec.of(DOUBLE)), ts -> new DoubleAggregate("sum", DOUBLE, DoubleAggregate.Kind.SUM));
        add(r, "avg", List.of(ArgSpec.of(DOUBLE)), ts -> new DoubleAggregate("avg", DOUBLE, DoubleAggregate.Kind.AVG));
        add(r, "avg", List.of(ArgSpec.of(INTERVAL)), ts -> new IntervalAvgAggregate());
        for (LogicalType t : List.of(TIME, TIMESTAMP, TIMESTAMP_TZ)) {
            add(r, "avg", List.of(ArgSpec.of(t)), ts -> SumAggregate.temporalAverage(ts.get(0)));
        }
        // the average of dates is a timestamp (its argument cast to TIMESTAMP), not the nearest cast's TIMESTAMPTZ
        add(r, "avg", List.of(ArgSpec.of(LogicalType.DATE)), ts -> SumAggregate.temporalAverage(TIMESTAMP));
        add(r, "sum", List.of(ArgSpec.of(INTERVAL)), ts -> new IntervalSumAggregate());
        r.aliasAggregate("mean", "avg");
        add(r, "sum", List.of(ArgSpec.of(BOOLEAN)), ts -> new SumAggregate("sum", ts.get(0), false));
        add(r, "count_if", List.of(ArgSpec.of(BOOLEAN)), ts -> new CountIfAggregate("count_if"));
        r.aliasAggregate("countif", "count_if");
    }

    /** Statistics over DOUBLE: covariance, regression, moments, variance. */
    private static void registerStatistics(FunctionRegistry r) {
        String[][] statAggs = {{"covar_pop", "COVAR_POP"}, {"covar_samp", "COVAR_SAMP"}, {"corr", "CORR"},
                {"regr_avgx", "REGR_AVGX"}, {"regr_avgy", "REGR_AVGY"}, {"regr_count", "REGR_COUNT"},
                {"regr_slope", "REGR_SLOPE"}, {"regr_intercept", "REGR_INTERCEPT"}, {"regr_r2", "REGR_R2"},
                {"regr_sxx", "REGR_SXX"}, {"regr_syy", "REGR_SYY"}, {"regr_sxy", "REGR_SXY"},
                {"weighted_avg", "WEIGHTED_AVG"}, {"wavg", "WEIGHTED_AVG"},
                {"sem", "SEM"}, {"skewness", "SKEWNESS"}, {"kurtosis", "KURTOSIS"}, {"kurtosis_pop", "KURTOSIS_POP"},
                {"favg", "FAVG"}, {"fsum", "FSUM"}, {"sumkahan", "FSUM"}, {"kahan_sum", "FSUM"}};
        for (String[] s : statAggs) {
            StatAggregate.Kind k = StatAggregate.Kind.valueOf(s[1]);
            List<ArgSpec> params = k.binary() ? List.of(ArgSpec.of(DOUBLE), ArgSpec.of(DOUBLE)) : List.of(ArgSpec.of(DOUBLE));
            add(r, s[0], params, ts -> new StatAggregate(s[0], k));
        }
        add(r, "product", List.of(ArgSpec.of(DOUBLE)), ts -> new DoubleAggregate("product", DOUBLE, DoubleAggregate.Kind.PRODUCT));
        add(r, "geomean", List.of(ArgSpec.of(DOUBLE)), ts -> new DoubleAggregate("geomean", DOUBLE, DoubleAggregate.Kind.GEOMEAN));
        r.aliasAggregate("geometric_mean", "geomean");
        String[][] stats = {{"var_samp", "VAR_SAMP"}, {"variance", "VAR_SAMP"}, {"var_pop", "VAR_POP"}, {"stddev_samp", "STDDEV_SAMP"},
                {"stddev", "STDDEV_SAMP"}, {"stddev_pop", "STDDEV_POP"}};
        for (String[] s : stats) {
            DoubleAggregate.Kind k = DoubleAggregate.Kind.valueOf(s[1]);
            add(r, s[0], List.of(ArgSpec.of(DOUBLE)), ts -> new DoubleAggregate(s[0], DOUBLE, k));
        }
    }

    /** Value-keeping aggregates: min, max, first, last, arg_min, arg_max. */
    private static void registerValues(FunctionRegistry r) {
        // value-keeping aggregates over every type
        String[][] valueAggs = {{"min", "MIN"}, {"max", "MAX"}, {"first", "FIRST"}, {"any_value", "FIRST"}, {"arbitrary", "FIRST"}, {"last", "LAST"}};
        for (String[] s : valueAggs) {
            ValueAggregate.Kind k = ValueAggregate.Kind.valueOf(s[1]);
            for (LogicalType t : ALL) {
                add(r, s[0], List.of(ArgSpec.of(t)), ts -> new ValueAggregate(s[0], ts, k));
            }
            add(r, s[0], List.of(ArgSpec.DECIMAL), ts -> new ValueAggregate(s[0], ts, k));
            // JSON keeps its type (DuckDB: max of JSON is JSON, compared as its text)
            add(r, s[0], List.of(ArgSpec.of(LogicalType.JSON)), ts -> new ValueAggregate(s[0], ts, k));
            for (ArgSpec nested : List.of(ArgSpec.ANY_LIST, ArgSpec.ANY_STRUCT, ArgSpec.ANY_MAP, ArgSpec.ANY_ENUM, ArgSpec.ANY_UNION)) {
                add(r, s[0], List.of(nested), ts -> new ValueAggregate(s[0], ts, k));
            }
        }
        for (String name : List.of("arg_min", "argmin", "min_by", "arg_max", "argmax", "max_by")) {
            ValueAggregate.Kind k = name.contains("min") ? ValueAggregate.Kind.ARG_MIN : ValueAggregate.Kind.ARG_MAX;
            add(r, name, List.of(ArgSpec.ANY, ArgSpec.ANY), ts -> new ValueAggregate(name, ts, k));
            // with N: the args of the N best rows, best first
            add(r, name, List.of(ArgSpec.ANY, ArgSpec.ANY, ArgSpec.of(BIGINT)), ts -> new TopNAggregate(name, ts, k == ValueAggregate.Kind.ARG_MAX));
        }
        for (String name : List.of("arg_min_nulls_last", "arg_max_nulls_last")) {
            boolean largest = name.startsWith("arg_max");
            add(r, name, List.of(ArgSpec.ANY, ArgSpec.ANY), ts -> new TopNAggregate(name, ts, largest, true));
            add(r, name, List.of(ArgSpec.ANY, ArgSpec.ANY, ArgSpec.of(BIGINT)), ts -> new TopNAggregate(name, ts, largest, true));
        }
        // max(x, n) / min(x, n): the N largest / smallest values
        add(r, "max", List.of(ArgSpec.ANY, ArgSpec.of(BIGINT)), ts -> new TopNAggregate("max", ts, true));
        add(r, "min", List.of(ArgSpec.ANY, ArgSpec.of(BIGINT)), ts -> new TopNAggregate("min", ts, false));
    }

    /** Lists, booleans, bits and strings. */
    private static void registerNestedBitsAndStrings(FunctionRegistry r) {
        // nested results
        for (String name : List.of("list", "array_agg")) add(r, name, List.of(ArgSpec.ANY), ts -> new ListAggregate(name, ts, false));
        add(r, "histogram", List.of(ArgSpec.ANY), ts -> new ListAggregate("histogram", ts, true));

        // booleans and bits
        add(r, "bool_and", List.of(ArgSpec.of(BOOLEAN)), ts -> new BitBoolAggregate("bool_and", BOOLEAN, BitBoolAggregate.Kind.AND));
        add(r, "bool_or", List.of(ArgSpec.of(BOOLEAN)), ts -> new BitBoolAggregate("bool_or", BOOLEAN, BitBoolAggregate.Kind.OR));
        r.aliasAggregate("every", "bool_and");
        for (LogicalType t : List.of(TINYINT, SMALLINT, INTEGER, BIGINT)) {
            add(r, "bit_and", List.of(ArgSpec.of(t)), ts -> new BitBoolAggregate("bit_and", t, BitBoolAggregate.Kind.AND));
            add(r, "bit_or", List.of(ArgSpec.of(t)), ts -> new BitBoolAggregate("bit_or", t, BitBoolAggregate.Kind.OR));
            add(r, "bit_xor", List.of(ArgSpec.of(t)), ts -> new BitBoolAggregate("bit_xor", t, BitBoolAggregate.Kind.XOR));
        }

        add(r, "bit_and", List.of(ArgSpec.of(LogicalType.BIT)), ts -> new BitStringAggregate("bit_and", BitBoolAggregate.Kind.AND));
        add(r, "bit_or", List.of(ArgSpec.of(LogicalType.BIT)), ts -> new BitStringAggregate("bit_or", BitBoolAggregate.Kind.OR));
        add(r, "bit_xor", List.of(ArgSpec.of(LogicalType.BIT)), ts -> new BitStringAggregate("bit_xor", BitBoolAggregate.Kind.XOR));

        // strings
        for (String name : List.of("string_agg", "group_concat", "listagg")) {
            add(r, name, List.of(ArgSpec.of(VARCHAR)), ts -> new StringAggAggregate(name, ts));
            add(r, name, List.of(ArgSpec.of(VARCHAR), ArgSpec.of(VARCHAR)), ts -> new StringAggAggregate(name, ts));
            // any other value is aggregated as its text (DuckDB casts it to VARCHAR)
            add(r, name, List.of(ArgSpec.ANY), ts -> new StringAggAggregate(name, List.of(VARCHAR)));
            add(r, name, List.of(ArgSpec.ANY, ArgSpec.of(VARCHAR)), ts -> new StringAggAggregate(name, List.of(VARCHAR, VARCHAR)));
        }
    }

    /** Holistic aggregates: median, mode, quantiles, mad, entropy. */
    private static void registerHolistic(FunctionRegistry r) {
        // holistic
        for (LogicalType t : ALL) {
            addHolistic(r, t);
        }
        add(r, "median", List.of(ArgSpec.DECIMAL), ts -> holistic("median", ts, HolisticAggregate.Kind.MEDIAN));
        add(r, "mode", List.of(ArgSpec.DECIMAL), ts -> holistic("mode", ts, HolisticAggregate.Kind.MODE));
        add(r, "quantile_disc", List.of(ArgSpec.DECIMAL, ArgSpec.of(DOUBLE)), ts -> holistic("quantile_disc", ts, HolisticAggregate.Kind.QUANTILE_DISC));
        add(r, "quantile_cont", List.of(ArgSpec.DECIMAL, ArgSpec.of(DOUBLE)), ts -> holistic("quantile_cont", ts, HolisticAggregate.Kind.QUANTILE_CONT));
        add(r, "approx_count_distinct", List.of(ArgSpec.ANY), ts -> holistic("approx_count_distinct", ts, HolisticAggregate.Kind.COUNT_DISTINCT));
        add(r, "entropy", List.of(ArgSpec.ANY), ts -> holistic("entropy", ts, HolisticAggregate.Kind.ENTROPY));
        r.aliasAggregate("quantile", "quantile_disc");
        // median absolute deviation; integers meet the DOUBLE form, as in DuckDB
        add(r, "mad", List.of(ArgSpec.DECIMAL), ts -> holistic("mad", ts, HolisticAggregate.Kind.MAD));
        for (LogicalType t : List.of(FLOAT, DOUBLE, LogicalType.DATE, LogicalType.TIMESTAMP, LogicalType.TIME, LogicalType.TIMESTAMP_TZ)) {
            add(r, "mad", List.of(ArgSpec.of(t)), ts -> holistic("mad", ts, HolisticAggregate.Kind.MAD));
        }
    }

    private static void addHolistic(FunctionRegistry r, LogicalType t) {
        add(r, "median", List.of(ArgSpec.of(t)), ts -> holistic("median", ts, HolisticAggregate.Kind.MEDIAN));
        add(r, "mode", List.of(ArgSpec.of(t)), ts -> holistic("mode", ts, HolisticAggregate.Kind.MODE));
        add(r, "quantile_disc", List.of(ArgSpec.of(t), ArgSpec.of(DOUBLE)), ts -> holistic("quantile_disc", ts, HolisticAggregate.Kind.QUANTILE_DISC));
        if (t.isNumeric() || t.id().isTemporal()) {
            add(r, "quantile_cont", List.of(ArgSpec.of(t), ArgSpec.of(DOUBLE)), ts -> holistic("quantile_cont", ts, HolisticAggregate.Kind.QUANTILE_CONT));
        }
    }

    private static HolisticAggregate holistic(String name, List<LogicalType> ts, HolisticAggregate.Kind k) {
        return new HolisticAggregate(name, ts, HolisticAggregate.resultType(k, ts.get(0)), k);
    }
}
