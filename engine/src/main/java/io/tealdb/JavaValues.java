package io.tealdb;

import io.tealdb.error.ConversionException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversion between Java objects and SQL values, in both directions (the one place for it).
 *
 * <p>Java → SQL ({@link #toValue}): null → NULL, Boolean → BOOLEAN, Byte/Short/Integer/Long →
 * TINYINT/SMALLINT/INTEGER/BIGINT, BigInteger → the first of BIGINT, UBIGINT, HUGEINT, UHUGEINT that holds it,
 * Float → FLOAT, Double → DOUBLE, BigDecimal → DECIMAL(p,s), String/Character → VARCHAR, byte[] → BLOB,
 * LocalDate → DATE, LocalTime → TIME, LocalDateTime → TIMESTAMP, Duration/Period/{@link Interval} →
 * INTERVAL, java.util.UUID → UUID, Instant/OffsetDateTime/ZonedDateTime → TIMESTAMP WITH TIME ZONE,
 * OffsetTime → TIME WITH TIME ZONE; java.sql.Date/Time/Timestamp as their java.time counterparts; a {@link Value} passes as is.
 *
 * <p>SQL → Java ({@link #toJava}): the reverse; INTERVAL (months, days and µs are independent, so
 * neither Duration nor Period can hold every value) becomes {@link Interval};
 * {@link #toDuration}/{@link #toPeriod} convert exactly when possible.
 */
public final class JavaValues {
    private static final BigInteger MAX_HUGEINT = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger MIN_HUGEINT = BigInteger.ONE.shiftLeft(127).negate();

    private JavaValues() {
    }

    /** Java object → typed SQL value; {@code index} (1-based, or 0 when not a parameter) only names the value in errors. */
    public static Value toValue(Object o, int index) {
        if (o == null) {
            return Value.nullOf(LogicalType.SQLNULL);
        }
        return switch (o) {
            case Value v -> v;
            case Boolean b -> new Value(LogicalType.BOOLEAN, b);
            case Byte b -> new Value(LogicalType.TINYINT, b);
            case Short s -> new Value(LogicalType.SMALLINT, s);
            case Integer i -> new Value(LogicalType.INTEGER, i);
            case Long l -> new Value(LogicalType.BIGINT, l);
            case BigInteger bi -> fromBigInteger(bi, index);
            case Float f -> new Value(LogicalType.FLOAT, f);
            case Double d -> new Value(LogicalType.DOUBLE, d);
            case BigDecimal bd -> fromBigDecimal(bd, index);
            case String s -> new Value(LogicalType.VARCHAR, s);
            case Character c -> new Value(LogicalType.VARCHAR, c.toString());
            case byte[] bytes -> new Value(LogicalType.BLOB, bytes.clone());
            case java.sql.Date d -> fromDate(d.toLocalDate(), index);
            case java.sql.Time t -> new Value(LogicalType.TIME, micros(t.toLocalTime()));
            case java.sql.Timestamp ts -> new Value(LogicalType.TIMESTAMP, micros(ts.toLocalDateTime(), index));
            case LocalDate d -> fromDate(d, index);
            case LocalTime t -> new Value(LogicalType.TIME, micros(t));
            case LocalDateTime ts -> new Value(LogicalType.TIMESTAMP, micros(ts, index));
            case java.time.Instant in -> new Value(LogicalType.TIMESTAMP_TZ, instantMicros(in, index));
            case java.time.OffsetDateTime odt -> new Value(LogicalType.TIMESTAMP_TZ, instantMicros(odt.toInstant(), index));
            case java.time.ZonedDateTime zdt -> new Value(LogicalType.TIMESTAMP_TZ, instantMicros(zdt.toInstant(), index));
            case java.time.OffsetTime ot -> new Value(LogicalType.TIME_TZ,
                    io.tealdb.types.TimeZones.encodeTimeTz(micros(ot.toLocalTime()), ot.getOffset().getTotalSeconds()));
            case Duration d -> new Value(LogicalType.INTERVAL, new Interval(0, 0, durationMicros(d, index)));
            case Period p -> new Value(LogicalType.INTERVAL, periodInterval(p, index));
            case Interval iv -> new Value(LogicalType.INTERVAL, iv);
            case java.util.UUID u -> new Value(LogicalType.UUID, u);
            case List<?> list -> fromList(list, index);
            case Object[] array -> fromList(java.util.Arrays.asList(array), index);
            case Map<?, ?> map -> fromMap(map, index);
            case Record record -> fromRecord(record, index);
            default -> throw new ConversionException("Cannot convert " + describeIndex(index) + " of Java class "
                    + o.getClass().getName() + " to a SQL value (supported: null, Boolean, Byte, Short, Integer, Long, "
                    + "BigInteger, Float, Double, BigDecimal, String, byte[], LocalDate, LocalTime, LocalDateTime, "
                    + "Duration, Period, io.tealdb.types.Interval, java.sql.Date/Time/Timestamp, java.util.UUID, Instant, "
                    + "OffsetDateTime, ZonedDateTime, OffsetTime, List, Object[], Map, record)");
        };
    }

    /** A List: a LIST of its elements' most permissive type (VARCHAR when they have none in common). */
    private static Value fromList(List<?> list, int index) {
        List<Value> values = new ArrayList<>(list.size());
        LogicalType element = LogicalType.SQLNULL;
        for (Object o : list) {
            Value v = toValue(o, index);
            values.add(v);
            element = io.tealdb.function.cast.CastRules.forceMaxLogicalType(element, v.type());
        }
        List<Object> out = new ArrayList<>(values.size());
        for (Value v : values) out.add(io.tealdb.function.cast.Casts.castValue(v.isNull() ? Value.nullOf(element) : v, element, false).object());
        return new Value(LogicalType.list(element), out);
    }

    /**
     * A Map whose keys are exactly "key" and "value", holding lists of equal length, is the MAP of
     * the zipped pairs (DuckDB's Python rule); any other Map is a STRUCT with its keys as field names.
     */
    private static Value fromMap(Map<?, ?> map, int index) {
        if (map.size() == 2 && map.get("key") instanceof List<?> keys && map.get("value") instanceof List<?> values
                && keys.size() == values.size()) {
            Value k = fromList(keys, index);
            Value v = fromList(values, index);
            Map<Object, Object> out = new LinkedHashMap<>();
            List<?> kl = (List<?>) k.object();
            List<?> vl = (List<?>) v.object();
            for (int i = 0; i < kl.size(); i++) {
                if (kl.get(i) == null) throw new ConversionException("MAP keys can not be NULL (" + describeIndex(index) + ")");
                if (out.containsKey(kl.get(i))) throw new ConversionException("MAP keys must be unique (" + describeIndex(index) + ")");
                out.put(kl.get(i), vl.get(i));
            }
            return new Value(LogicalType.map(k.type().childType(), v.type().childType()), out);
        }
        List<io.tealdb.types.TypeField> fields = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Value v = toValue(e.getValue(), index);
            fields.add(new io.tealdb.types.TypeField(String.valueOf(e.getKey()), v.type()));
            values.add(v.object());
        }
        if (fields.isEmpty()) throw new ConversionException("Cannot convert an empty Map (" + describeIndex(index) + ") to a STRUCT");
        return new Value(LogicalType.struct(fields), values);
    }

    /** A record: a STRUCT of its components, in declaration order. */
    private static Value fromRecord(Record record, int index) {
        List<io.tealdb.types.TypeField> fields = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (java.lang.reflect.RecordComponent c : record.getClass().getRecordComponents()) {
            Object o;
            try {
                java.lang.reflect.Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                o = accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ConversionException("Cannot read component " + c.getName() + " of " + record.getClass().getName() + ": " + e.getMessage());
            }
            Value v = toValue(o, index);
            fields.add(new io.tealdb.types.TypeField(c.getName(), v.type()));
            values.add(v.object());
        }
        if (fields.isEmpty()) throw new ConversionException("Cannot convert an empty record (" + describeIndex(index) + ") to a STRUCT");
        return new Value(LogicalType.struct(fields), values);
    }

    private static String describeIndex(int index) {
        return index > 0 ? "parameter " + index : "value";
    }

    /**
     * DuckDB's rule for Python integers, in Java: the first of BIGINT, UBIGINT, HUGEINT, UHUGEINT
     * that holds the value; beyond UHUGEINT an error.
     */
    private static Value fromBigInteger(BigInteger bi, int index) {
        if (bi.bitLength() <= 63) {
            return new Value(LogicalType.BIGINT, bi.longValue());
        }
        if (bi.signum() > 0 && bi.bitLength() <= 64) {
            return new Value(LogicalType.UBIGINT, bi);
        }
        if (bi.compareTo(MAX_HUGEINT) <= 0 && bi.compareTo(MIN_HUGEINT) >= 0) {
            return new Value(LogicalType.HUGEINT, bi);
        }
        if (bi.signum() > 0 && bi.bitLength() <= 128) {
            return new Value(LogicalType.UHUGEINT, bi);
        }
        throw new OutOfRangeException("BigInteger " + bi + " (" + describeIndex(index) + ") is out of range for HUGEINT and UHUGEINT");
    }

    private static Value fromBigDecimal(BigDecimal bd, int index) {
        if (bd.scale() < 0) {
            bd = bd.setScale(0);
        }
        int scale = bd.scale();
        int precision = Math.max(bd.precision(), scale);
        if (precision > LogicalType.MAX_DECIMAL_PRECISION) {
            throw new OutOfRangeException("BigDecimal " + bd.toPlainString() + " (" + describeIndex(index)
                    + ") needs precision " + precision + ", more than the maximum DECIMAL precision 38");
        }
        return new Value(LogicalType.decimal(Math.max(precision, 1), scale), bd);
    }

    private static Value fromDate(LocalDate d, int index) {
        long days = d.toEpochDay();
        if (days != (int) days) {
            throw new OutOfRangeException("Date " + d + " (" + describeIndex(index) + ") is out of range for DATE");
        }
        return new Value(LogicalType.DATE, (int) days);
    }

    /** Microseconds of TIME 24:00:00, the one TIME value a LocalTime cannot hold. */
    public static final long END_OF_DAY_MICROS = 86_400_000_000L;

    /** LocalTime.MAX stands for TIME 24:00:00 (see {@link #timeFromMicros}); any other time truncates to µs. */
    public static long micros(LocalTime t) {
        if (t.equals(LocalTime.MAX)) return END_OF_DAY_MICROS;
        return t.toNanoOfDay() / 1000;
    }

    /**
     * A TIME value as LocalTime. DuckDB's TIME range ends at 24:00:00 inclusive, one past what a
     * LocalTime holds; it maps to LocalTime.MAX (23:59:59.999999999), which no other TIME value
     * (µs resolution) produces, so the mapping stays one-to-one and ordered, and {@link #micros}
     * maps it back.
     */
    public static LocalTime timeFromMicros(long micros) {
        if (micros >= END_OF_DAY_MICROS) return LocalTime.MAX;
        return LocalTime.ofNanoOfDay(Math.max(0, micros) * 1000);
    }

    static long micros(LocalDateTime ts, int index) {
        try {
            long seconds = ts.toEpochSecond(ZoneOffset.UTC);
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), ts.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Timestamp " + ts + " (" + describeIndex(index) + ") is out of range for TIMESTAMP");
        }
    }

    private static long instantMicros(java.time.Instant in, int index) {
        try {
            return Math.addExact(Math.multiplyExact(in.getEpochSecond(), 1_000_000L), in.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Instant " + in + " (" + describeIndex(index) + ") is out of range for TIMESTAMP WITH TIME ZONE");
        }
    }

    public static long micros(LocalDateTime ts) {
        return micros(ts, 0);
    }

    private static long durationMicros(Duration d, int index) {
        try {
            return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Duration " + d + " (" + describeIndex(index) + ") is out of range for INTERVAL");
        }
    }

    private static Interval periodInterval(Period p, int index) {
        long months = p.toTotalMonths();
        if (months != (int) months) {
            throw new OutOfRangeException("Period " + p + " (" + describeIndex(index) + ") is out of range for INTERVAL");
        }
        return new Interval((int) months, p.getDays(), 0);
    }

    // ---------------------------------------------------------------- SQL -> Java

    /** Row {@code row} of {@code v} as its API Java object (null for NULL); TIMESTAMPTZ at UTC. */
    public static Object toJava(Vector v, int row) {
        return toJava(v, row, ZoneOffset.UTC);
    }

    /**
     * Row {@code row} of {@code v} as its API Java object (null for NULL); a TIMESTAMPTZ becomes an
     * OffsetDateTime at {@code zone}'s offset (the session's TimeZone).
     */
    public static Object toJava(Vector v, int row, java.time.ZoneId zone) {
        if (v.isNull(row)) {
            return null;
        }
        return switch (v.type.id()) {
            case DATE -> LocalDate.ofEpochDay(v.ints[row]);
            case TIMESTAMP_TZ, TIME_TZ, TIME, TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> temporal(v.type, v.longs[row], zone);
            case LIST, ARRAY, MAP, STRUCT, UNION -> toJava(new Value(v.type, v.getObject(row)));
            default -> v.getObject(row);
        };
    }

    /** A value's API Java object (null for NULL). */
    public static Object toJava(Value value) {
        Object o = value.object();
        if (o == null) {
            return null;
        }
        return switch (value.type().id()) {
            case DATE -> LocalDate.ofEpochDay(((Number) o).intValue());
            case TIMESTAMP_TZ, TIME_TZ, TIME, TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS ->
                    temporal(value.type(), ((Number) o).longValue(), ZoneOffset.UTC);
            // nested: the same collections, their elements converted (LIST → List, STRUCT → ordered Map, MAP → Map)
            case LIST, ARRAY -> {
                LogicalType element = value.type().childType();
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) o) out.add(toJava(new Value(element, e)));
                yield Collections.unmodifiableList(out);
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (List<?> e : mapPairs(o)) {
                    out.put(toJava(new Value(value.type().mapKey(), e.get(0))), toJava(new Value(value.type().mapValue(), e.get(1))));
                }
                yield Collections.unmodifiableMap(out);
            }
            case STRUCT -> {
                Map<String, Object> out = new LinkedHashMap<>();
                List<io.tealdb.types.TypeField> fields = value.type().children();
                for (int k = 0; k < fields.size(); k++) {
                    String name = fields.get(k).name().isEmpty() ? "v" + (k + 1) : fields.get(k).name();
                    out.put(name, toJava(new Value(fields.get(k).type(), structField(o, fields.get(k).name(), k))));
                }
                yield Collections.unmodifiableMap(out);
            }
            // UNION: its active member's value, as DuckDB's clients get it
            case UNION -> {
                int k = ((Number) ((List<?>) o).get(0)).intValue();
                yield toJava(new Value(value.type().unionMember(k).type(), ((List<?>) o).get(k + 1)));
            }
            default -> o;
        };
    }

    private static Object temporal(LogicalType t, long v, java.time.ZoneId zone) {
        return switch (t.id()) {
            case TIME -> timeFromMicros(v);
            case TIMESTAMP -> timestampFromMicros(v);
            case TIMESTAMP_S -> LocalDateTime.ofEpochSecond(v, 0, ZoneOffset.UTC);
            case TIMESTAMP_MS -> timestampFromMicros(Math.multiplyExact(v, 1000L));
            case TIMESTAMP_NS -> LocalDateTime.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), (int) Math.floorMod(v, 1_000_000_000L), ZoneOffset.UTC);
            case TIMESTAMP_TZ -> {
                java.time.Instant instant = java.time.Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
                yield java.time.OffsetDateTime.ofInstant(instant, zone);
            }
            case TIME_TZ -> java.time.OffsetTime.of(timeFromMicros(io.tealdb.types.TimeZones.timeTzLocalMicros(v)),
                    ZoneOffset.ofTotalSeconds(io.tealdb.types.TimeZones.timeTzOffset(v)));
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    public static LocalDateTime timestampFromMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    /** The interval as a Duration when it has no month part (a day counts 24 hours); otherwise an error. */
    public static Duration toDuration(Interval iv) {
        if (iv.months() != 0) {
            throw new ConversionException("INTERVAL with months (" + ValueFormatter.formatInterval(iv.months(), iv.days(), iv.micros())
                    + ") cannot be converted to java.time.Duration");
        }
        return Duration.ofDays(iv.days()).plusNanos(Math.multiplyExact(iv.micros(), 1000L));
    }

    /** The interval as a Period when it has no sub-day part; otherwise an error. */
    public static Period toPeriod(Interval iv) {
        if (iv.micros() != 0) {
            throw new ConversionException("INTERVAL with a time part (" + ValueFormatter.formatInterval(iv.months(), iv.days(), iv.micros())
                    + ") cannot be converted to java.time.Period");
        }
        return Period.of(0, iv.months(), iv.days());
    }

    // ---------------------------------------------------------------- SQL literals

    /**
     * A SQL expression that evaluates to exactly {@code v} (type included), for building SQL text
     * such as {@code VALUES} lists of relations; strings are quoted, so this is injection-safe.
     */
    public static String toSqlLiteral(Value v) {
        LogicalType t = v.type();
        if (v.isNull()) {
            return t.id() == io.tealdb.types.TypeId.SQLNULL ? "NULL" : "CAST(NULL AS " + t + ")";
        }
        Object o = v.object();
        return switch (t.id()) {
            case SQLNULL -> "NULL";
            case BOOLEAN -> ((Boolean) o) ? "TRUE" : "FALSE";
            case INTEGER -> o.toString();
            case TINYINT, SMALLINT, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT -> "CAST(" + o + " AS " + t + ")";
            case FLOAT, DOUBLE -> {
                double d = ((Number) o).doubleValue();
                String text = Double.isFinite(d) ? (t.id() == io.tealdb.types.TypeId.FLOAT ? Float.toString((Float) o) : Double.toString(d)) : ValueFormatter.formatDouble(d);
                yield "CAST('" + text + "' AS " + t + ")";
            }
            case DECIMAL -> "CAST(" + ((BigDecimal) o).toPlainString() + " AS " + t + ")";
            case VARCHAR -> quote((String) o);
            case JSON -> "CAST(" + quote((String) o) + " AS JSON)";
            case ENUM -> "CAST(" + quote((String) o) + " AS " + t + ")";
            case BIGNUM -> "CAST('" + o + "' AS BIGNUM)";
            case BIT -> "CAST(" + quote(o instanceof byte[] b ? io.tealdb.types.BitString.toText(b) : (String) o) + " AS BIT)";
            case UUID -> "CAST('" + o + "' AS UUID)";
            case BLOB -> "CAST('" + hexEscapes((byte[]) o) + "' AS BLOB)";
            case DATE, TIME, TIMESTAMP -> t.id() + " " + quote(ValueFormatter.sqlString(t, o));
            // the text carries its UTC offset, so it reads back to the same instant in any session zone
            case TIMESTAMP_TZ, TIME_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> "CAST(" + quote(ValueFormatter.sqlString(t, o)) + " AS " + t + ")";
            case INTERVAL -> {
                Interval iv = (Interval) o;
                yield "CAST('" + iv.months() + " months " + iv.days() + " days " + iv.micros() + " microseconds' AS INTERVAL)";
            }
            case LIST, ARRAY -> {
                StringBuilder sb = new StringBuilder("CAST([");
                int i = 0;
                for (Object e : (List<?>) o) sb.append(i++ > 0 ? ", " : "").append(toSqlLiteral(new Value(t.childType(), e)));
                yield sb.append("] AS ").append(t).append(')').toString();
            }
            case MAP -> {
                StringBuilder sb = new StringBuilder("CAST(MAP {");
                int i = 0;
                for (List<?> e : mapPairs(o)) {
                    sb.append(i++ > 0 ? ", " : "").append(toSqlLiteral(new Value(t.mapKey(), e.get(0))))
                            .append(": ").append(toSqlLiteral(new Value(t.mapValue(), e.get(1))));
                }
                yield sb.append("} AS ").append(t).append(')').toString();
            }
            case STRUCT -> {
                StringBuilder sb = new StringBuilder("CAST({");
                int i = 0;
                for (io.tealdb.types.TypeField f : t.children()) {
                    sb.append(i > 0 ? ", " : "").append(quote(f.name().isEmpty() ? "v" + (i + 1) : f.name())).append(": ")
                            .append(toSqlLiteral(new Value(f.type(), structField(o, f.name(), i))));
                    i++;
                }
                yield sb.append("} AS ").append(t).append(')').toString();
            }
            case UNION -> {
                int k = ((Number) ((List<?>) o).get(0)).intValue();
                io.tealdb.types.TypeField m = t.unionMember(k);
                yield "CAST(union_value(" + quoteIdentifier(m.name()) + " := " + toSqlLiteral(new Value(m.type(), ((List<?>) o).get(k + 1)))
                        + ") AS " + t + ")";
            }
        };
    }

    /** The [key, value] pairs of a MAP value (canonical: a List of pairs; a java.util.Map is accepted). */
    private static List<List<?>> mapPairs(Object map) {
        List<List<?>> out = new ArrayList<>();
        if (map instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) out.add(java.util.Arrays.asList(e.getKey(), e.getValue()));
        } else {
            for (Object p : (List<?>) map) out.add((List<?>) p);
        }
        return out;
    }

    /** Field {@code k} of a STRUCT value: canonical form is a positional List; a Map (from the API) is read by name. */
    private static Object structField(Object struct, String name, int k) {
        return struct instanceof Map<?, ?> m ? m.get(name) : ((List<?>) struct).get(k);
    }

    /** {@code 'it''s'}: a SQL string literal. */
    public static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code "my col"}: a SQL identifier, quoted. */
    public static String quoteIdentifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String hexEscapes(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 4);
        for (byte x : b) {
            sb.append(String.format("\\x%02X", x & 0xFF));
        }
        return sb.toString();
    }
}
