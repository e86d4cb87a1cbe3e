package io.tealdb.function.scalar;

import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static io.tealdb.types.LogicalType.*;

/**
 * {@code printf(fmt, ...)} (C syntax) and {@code format(fmt, ...)} ({fmt} syntax). Booleans,
 * integers (every width, signed and unsigned) and floating-point values keep their type, so the
 * numeric conversions see them; DECIMAL arrives as DOUBLE, as in DuckDB; every other type arrives
 * as its VARCHAR text. A NULL argument (or format) makes the result NULL.
 */
public final class FormatFunctions {
    private FormatFunctions() {
    }

    public static void register(FunctionRegistry r) {
        reg(r, "printf", PrintfFormat::format);
        reg(r, "format", FmtFormat::format);
    }

    private static void reg(FunctionRegistry r, String name, BiFunction<String, FormatArg[], String> formatter) {
        Kernels.regVarargs(r, name, List.of(ArgSpec.of(VARCHAR)), ArgSpec.ANY, types -> {
            List<LogicalType> params = new ArrayList<>(types.size());
            params.add(VARCHAR);
            for (int k = 1; k < types.size(); k++) params.add(argumentType(types.get(k)));
            int[] bits = new int[params.size()];
            String[] names = new String[params.size()];
            for (int k = 0; k < params.size(); k++) {
                bits[k] = bits(params.get(k));
                names[k] = params.get(k).toString();
            }
            return new ScalarFunction(name, params, VARCHAR, (args, count, result) -> {
                FormatArg[] row = new FormatArg[args.length - 1];
                rows:
                for (int i = 0; i < count; i++) {
                    for (Vector a : args) {
                        if (a.isNull(i)) {
                            result.setNull(i);
                            continue rows;
                        }
                    }
                    for (int k = 1; k < args.length; k++) {
                        row[k - 1] = new FormatArg(args[k].getObject(i), bits[k], names[k]);
                    }
                    result.setString(i, formatter.apply(args[0].getString(i), row));
                }
            });
        });
    }

    /** The type an argument is formatted as. */
    private static LogicalType argumentType(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT,
                 FLOAT, DOUBLE -> t;
            case DECIMAL -> DOUBLE;
            default -> VARCHAR;
        };
    }

    private static int bits(LogicalType t) {
        return switch (t.id()) {
            // DuckDB widens the smaller integers to BIGINT before formatting
            case HUGEINT, UHUGEINT -> 128;
            default -> 64;
        };
    }
}
