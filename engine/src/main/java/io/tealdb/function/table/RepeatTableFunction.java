package io.tealdb.function.table;

import io.tealdb.error.BinderException;
import io.tealdb.function.TableFunction;
import io.tealdb.function.cast.Casts;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB's {@code repeat(value, count)} (one column named after the value, {@code count} rows of it)
 * and {@code repeat_row(v1, v2, ..., num_rows := n)} (columns {@code column0, column1, ...}). The
 * values are constants: one full chunk of each is built once and every chunk of the scan copies it.
 */
public final class RepeatTableFunction implements TableFunction {
    private final String name;
    private final List<String> names;
    private final List<LogicalType> types;
    private final List<Value> values;
    private final long rows;

    private RepeatTableFunction(String name, List<String> names, List<Value> values, long rows) {
        this.name = name;
        this.names = names;
        this.values = values;
        this.types = values.stream().map(Value::type).toList();
        this.rows = rows;
    }

    /** Binds repeat or repeat_row; null when {@code name} is neither. */
    public static RepeatTableFunction bind(String name, List<Value> args, List<String> namedNames, List<Value> named) {
        switch (name) {
            case "repeat" -> {
                if (args.size() != 2 || !namedNames.isEmpty()) {
                    throw new BinderException("No function matches the given name and argument types 'repeat("
                            + String.join(", ", args.stream().map(a -> a.type().toString()).toList())
                            + ")'. You might need to add explicit type casts.\n\tCandidate functions:\n\trepeat(\"value\" ANY, count BIGINT, /)");
                }
                Value count = args.get(1);
                if (count.isNull()) throw new BinderException("Repeat second parameter cannot be NULL");
                long n = bigint(count, "repeat");
                if (n < 0) throw new BinderException("Repeat second parameter cannot be be less than 0");
                Value v = typed(args.get(0));
                String column = v.isNull() ? "NULL" : String.valueOf(Casts.castValue(v, LogicalType.VARCHAR, false).object());
                return new RepeatTableFunction(name, List.of(column), List.of(v), n);
            }
            case "repeat_row" -> {
                Long n = null;
                for (int i = 0; i < namedNames.size(); i++) {
                    if (!namedNames.get(i).equalsIgnoreCase("num_rows")) {
                        throw new BinderException("Invalid named parameter \"" + namedNames.get(i) + "\" for function repeat_row");
                    }
                    Value count = named.get(i);
                    if (count.isNull()) throw new BinderException("num_rows should be an integer value >= 0");
                    n = bigint(count, "repeat_row");
                    if (n < 0) throw new BinderException("num_rows cannot be less than zero");
                }
                if (n == null) {
                    throw new BinderException("No function matches the given name and argument types 'repeat_row("
                            + String.join(", ", args.stream().map(a -> a.type().toString()).toList())
                            + ")'. You might need to add explicit type casts.\n\tCandidate functions:\n\trepeat_row(*args ANY, num_rows BIGINT)");
                }
                if (args.isEmpty()) throw new BinderException("repeat_rows requires at least one column to be specified");
                List<String> columns = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) columns.add("column" + i);
                return new RepeatTableFunction(name, columns, args.stream().map(RepeatTableFunction::typed).toList(), n);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A table function argument written as a bare list or struct literal arrives untyped (as the
     * binder keeps it for options such as {@code columns = {...}}); repeating it needs its type.
     */
    private static Value typed(Value v) {
        if (untypedLiteral(v)) {
            throw new BinderException("repeat: give a list or struct literal its type with a cast, e.g. [1, 2]::INTEGER[]");
        }
        return v;
    }

    /** A bare list or struct literal: its Java form under the VARCHAR type (see {@link #typed}). */
    private static boolean untypedLiteral(Value v) {
        return v.type().id() == io.tealdb.types.TypeId.VARCHAR && (v.object() instanceof List<?> || v.object() instanceof java.util.Map<?, ?>);
    }

    private static long bigint(Value v, String function) {
        // a list or struct where a count belongs (num_rows = {'a': 1}) is no count, and no string to cast
        Value c = untypedLiteral(v) ? Value.nullOf(LogicalType.BIGINT) : Casts.castValue(v, LogicalType.BIGINT, true);
        if (c.isNull()) {
            String shown = !untypedLiteral(v) ? v.type().toString() : v.object() instanceof java.util.Map<?, ?> ? "STRUCT" : "LIST";
            throw new BinderException("No function matches the given name and argument types '" + function + "("
                    + shown + ")'. You might need to add explicit type casts.");
        }
        return ((Number) c.object()).longValue();
    }

    public List<String> names() {
        return names;
    }

    public List<LogicalType> types() {
        return types;
    }

    @Override
    public String describe() {
        return name + "(" + rows + " rows)";
    }

    @Override
    public long estimatedRows() {
        return rows;
    }

    @Override
    public Scan open() {
        Vector[] chunk = new Vector[values.size()];
        for (int c = 0; c < chunk.length; c++) {
            Value v = values.get(c);
            chunk[c] = Vector.constant(v.type(), v.object(), DataChunk.CAPACITY);
        }
        return new Scan() {
            long produced;

            @Override
            public boolean next(DataChunk out) {
                if (produced >= rows) return false;
                int n = (int) Math.min(DataChunk.CAPACITY, rows - produced);
                for (int c = 0; c < chunk.length; c++) out.column(c).copyRange(chunk[c], 0, 0, n);
                produced += n;
                out.setSize(n);
                return true;
            }
        };
    }
}
