package io.tealdb.function;

import io.tealdb.function.cast.Casts;
import io.tealdb.function.cast.ValueFormatter;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one function call on literal arguments through our registry, taking the argument
 * types and values from DuckDB (typeof / CAST AS VARCHAR) so tests can be written as SQL snippets.
 */
final class ExprEval {
    private ExprEval() {
    }

    static LogicalType parseType(String name) {
        if (name.startsWith("DECIMAL(")) {
            String[] ps = name.substring(8, name.length() - 1).split(",");
            return LogicalType.decimal(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
        }
        if (name.equals("\"NULL\"") || name.equals("NULL")) {
            return LogicalType.SQLNULL;
        }
        return new LogicalType(TypeId.valueOf(name), 0, 0);
    }

    /** DuckDB SQL text of the call. */
    static String sql(String fn, String... args) {
        boolean op = !Character.isLetter(fn.charAt(0));
        if (op && args.length == 2) {
            return "(" + args[0] + " " + fn + " " + args[1] + ")";
        }
        if (op && args.length == 1) {
            return "(" + fn + " " + args[0] + ")";
        }
        return fn + "(" + String.join(", ", args) + ")";
    }

    static String eval(Connection duck, String fn, String... args) {
        List<LogicalType> types = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        if (args.length > 0) {
            StringBuilder sb = new StringBuilder("SELECT ");
            for (int i = 0; i < args.length; i++) {
                sb.append(i > 0 ? ", " : "").append("typeof(").append(args[i]).append("), (").append(args[i]).append(")::VARCHAR");
            }
            List<String> row = FnTestUtil.row(duck, sb.toString());
            for (int i = 0; i < args.length; i++) {
                LogicalType t = parseType(row.get(2 * i));
                String text = row.get(2 * i + 1);
                types.add(t);
                values.add(text == null || t.id() == TypeId.SQLNULL ? Value.nullOf(t)
                        : Casts.castValue(new Value(LogicalType.VARCHAR, text), t, false));
            }
        }
        ScalarFunction f = FunctionRegistry.getDefault().bindScalar(fn, types, values);
        Vector[] vecs = new Vector[args.length];
        for (int i = 0; i < args.length; i++) {
            LogicalType target = f.argumentTypes().get(i);
            Value v = values.get(i);
            Value cast = v.isNull() ? Value.nullOf(target) : Casts.castValue(v, target, false);
            Vector vec = new Vector(target, 1);
            vec.setObject(0, cast.object());
            vecs[i] = vec;
        }
        Vector out = new Vector(f.returnType(), 1);
        f.kernel().execute(vecs, 1, out);
        return ValueFormatter.format(out, 0);
    }
}
