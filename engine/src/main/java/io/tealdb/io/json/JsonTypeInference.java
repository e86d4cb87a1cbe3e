package io.tealdb.io.json;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SQL type of sampled JSON values, by DuckDB's rules for read_json: objects become STRUCTs of
 * their keys (merged over records), arrays LISTs of their merged elements, integers BIGINT, other
 * numbers DOUBLE, true/false BOOLEAN, strings VARCHAR, or DATE / TIMESTAMP when every sampled
 * string of the column is an ISO date / timestamp of one form, UUID when every one is a hyphenated UUID. Integers and doubles merge to
 * DOUBLE; other scalars that disagree, or a scalar and an object or array, merge to JSON. A column
 * seen only as null stays NULL; an array seen only empty is JSON[].
 */
public final class JsonTypeInference {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP_SPACE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");
    private static final Pattern TIMESTAMP_T = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");
    /** A UUID in its hyphenated form only (32 bare hex digits stay VARCHAR, as in DuckDB). */
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Inference state of one value position: a sealed tree mirroring the type being built. */
    private sealed interface Shape {
    }

    private record Unknown() implements Shape {
    }

    /** kind: BOOLEAN, BIGINT, DOUBLE, JSON; or VARCHAR with the string forms still possible. */
    private record Scalar(TypeId kind, boolean date, boolean tsSpace, boolean tsT, boolean uuid) implements Shape {
    }

    private record ListShape(Shape element) implements Shape {
    }

    private record ObjectShape(LinkedHashMap<String, Shape> fields) implements Shape {
    }

    private Shape shape = new Unknown();

    /** Adds one sampled value (a tree from {@link JsonTree}). */
    public void add(Object node) {
        shape = merge(shape, of(node));
    }

    /** The inferred type of everything added. */
    public LogicalType type() {
        return toType(shape, true);
    }

    /** True when every value added was an object (read_json's records=auto then makes columns of the keys). */
    public boolean allObjects() {
        return shape instanceof ObjectShape;
    }

    /** The columns of records that were all objects (their keys in first-seen order). */
    public LinkedHashMap<String, LogicalType> columns() {
        LinkedHashMap<String, LogicalType> out = new LinkedHashMap<>();
        if (shape instanceof ObjectShape o) {
            for (Map.Entry<String, Shape> e : o.fields().entrySet()) out.put(e.getKey(), toType(e.getValue(), true));
        }
        return out;
    }

    private static Shape of(Object node) {
        return switch (node) {
            case JsonNull n -> new Unknown();
            case Boolean b -> new Scalar(TypeId.BOOLEAN, false, false, false, false);
            case JsonNumber n -> new Scalar(n.integral() && fitsBigint(n.text()) ? TypeId.BIGINT : TypeId.DOUBLE, false, false, false, false);
            case String s -> new Scalar(TypeId.VARCHAR, DATE.matcher(s).matches(), TIMESTAMP_SPACE.matcher(s).matches(), TIMESTAMP_T.matcher(s).matches(),
                    UUID.matcher(s).matches());
            case List<?> l -> {
                Shape e = new Unknown();
                for (Object x : l) e = merge(e, of(x));
                yield new ListShape(e);
            }
            case Map<?, ?> m -> {
                LinkedHashMap<String, Shape> fs = new LinkedHashMap<>();
                for (Map.Entry<?, ?> en : m.entrySet()) fs.put((String) en.getKey(), of(en.getValue()));
                yield new ObjectShape(fs);
            }
            default -> throw new IllegalStateException();
        };
    }

    private static boolean fitsBigint(String text) {
        if (text.length() < 19) return true;
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final Scalar JSON = new Scalar(TypeId.JSON, false, false, false, false);

    private static Shape merge(Shape a, Shape b) {
        if (a instanceof Unknown) return b;
        if (b instanceof Unknown) return a;
        if (a instanceof Scalar x && b instanceof Scalar y) {
            if (x.kind() == y.kind()) {
                return new Scalar(x.kind(), x.date() && y.date(), x.tsSpace() && y.tsSpace(), x.tsT() && y.tsT(), x.uuid() && y.uuid());
            }
            boolean numbers = (x.kind() == TypeId.BIGINT || x.kind() == TypeId.DOUBLE) && (y.kind() == TypeId.BIGINT || y.kind() == TypeId.DOUBLE);
            return numbers ? new Scalar(TypeId.DOUBLE, false, false, false, false) : JSON;
        }
        if (a instanceof ListShape x && b instanceof ListShape y) return new ListShape(merge(x.element(), y.element()));
        if (a instanceof ObjectShape x && b instanceof ObjectShape y) {
            LinkedHashMap<String, Shape> fs = new LinkedHashMap<>(x.fields());
            for (Map.Entry<String, Shape> e : y.fields().entrySet()) fs.merge(e.getKey(), e.getValue(), JsonTypeInference::merge);
            return new ObjectShape(fs);
        }
        return JSON;
    }

    private static LogicalType toType(Shape s, boolean top) {
        return switch (s) {
            case Unknown u -> top ? LogicalType.SQLNULL : LogicalType.JSON;
            case Scalar sc -> switch (sc.kind()) {
                case BOOLEAN -> LogicalType.BOOLEAN;
                case BIGINT -> LogicalType.BIGINT;
                case DOUBLE -> LogicalType.DOUBLE;
                case VARCHAR -> sc.date() ? LogicalType.DATE : sc.tsSpace() || sc.tsT() ? LogicalType.TIMESTAMP : sc.uuid() ? LogicalType.UUID : LogicalType.VARCHAR;
                default -> LogicalType.JSON;
            };
            case ListShape l -> LogicalType.list(toType(l.element(), false));
            case ObjectShape o -> {
                if (o.fields().isEmpty()) yield LogicalType.JSON;
                List<TypeField> fs = new ArrayList<>();
                for (Map.Entry<String, Shape> e : o.fields().entrySet()) fs.add(new TypeField(e.getKey(), toType(e.getValue(), false)));
                yield LogicalType.struct(fs);
            }
        };
    }
}
