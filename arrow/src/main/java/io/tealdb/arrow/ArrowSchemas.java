package io.tealdb.arrow;

import io.tealdb.error.NotImplementedException;
import io.tealdb.types.LogicalType;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The type mapping between TealDB and Arrow, in both directions (DuckDB's choices where Arrow has
 * several): BIGINT ↔ int64, DECIMAL(p,s) ↔ decimal128(p,s), VARCHAR ↔ utf8, BLOB ↔ binary, DATE ↔
 * date32, TIME ↔ time64[µs], TIMESTAMP ↔ timestamp[µs], INTERVAL ↔ interval month-day-nano, and so on.
 * HUGEINT has no Arrow integer type: it goes out as decimal128(38,0), like DuckDB, marked with field
 * metadata {@value #TYPE_KEY}=HUGEINT so that TealDB reads it back as HUGEINT.
 *
 * <p>Arrow types read in besides these: uint8…uint64 (widened to the next signed type), float16,
 * decimal256 (≤ 38 digits exactly, wider ones as DOUBLE), large utf8/binary and string/binary views,
 * fixed-size binary, date64, time32/time64 in every unit, timestamps in every unit and with a zone
 * (the instant in UTC), durations and the other interval units (as INTERVAL), null (an all-NULL
 * INTEGER column) and dictionary-encoded columns (decoded to the dictionary's type).
 */
public final class ArrowSchemas {
    /** Field metadata naming the TealDB type when the Arrow type alone loses it. */
    public static final String TYPE_KEY = "tealdb.type";

    private ArrowSchemas() {
    }

    /** The Arrow schema of a result with these columns. */
    public static Schema toSchema(List<String> names, List<LogicalType> types) {
        List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) fields.add(toField(names.get(i), types.get(i)));
        return new Schema(fields);
    }

    /** The Arrow field for a TealDB column (always nullable). */
    public static Field toField(String name, LogicalType type) {
        Map<String, String> metadata = null;
        ArrowType arrow = switch (type.id()) {
            case SQLNULL -> ArrowType.Null.INSTANCE;
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            // unsigned: Arrow's unsigned ints (TealDB keeps them in the next wider signed layout)
            case UTINYINT -> new ArrowType.Int(8, false);
            case USMALLINT -> new ArrowType.Int(16, false);
            case UINTEGER -> new ArrowType.Int(32, false);
            case UBIGINT -> new ArrowType.Int(64, false);
            case HUGEINT -> {
                metadata = Map.of(TYPE_KEY, "HUGEINT");
                yield new ArrowType.Decimal(38, 0, 128);
            }
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case VARCHAR -> ArrowType.Utf8.INSTANCE;
            case BLOB -> ArrowType.Binary.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case INTERVAL -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            default -> throw new NotImplementedException("column \"" + name + "\": type " + type + " has no Arrow mapping yet");
        };
        return new Field(name, new FieldType(true, arrow, null, metadata), null);
    }

    /**
     * The TealDB type a column of this Arrow field is read as. A dictionary-encoded field takes the
     * type of its dictionary's values ({@code dictionaries} must provide it).
     */
    public static LogicalType toLogicalType(Field field, DictionaryProvider dictionaries) {
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            Dictionary d = dictionaries == null ? null : dictionaries.lookup(encoding.getId());
            if (d == null) {
                throw new io.tealdb.error.InvalidInputException("Arrow column \"" + field.getName()
                        + "\" is dictionary-encoded but dictionary " + encoding.getId() + " was not provided");
            }
            return toLogicalType(d.getVector().getField(), null);
        }
        ArrowType t = field.getType();
        String declared = field.getMetadata() == null ? null : field.getMetadata().get(TYPE_KEY);
        return switch (t) {
            case ArrowType.Null n -> LogicalType.INTEGER;
            case ArrowType.Bool b -> LogicalType.BOOLEAN;
            case ArrowType.Int i -> switch (i.getBitWidth()) {
                case 8 -> i.getIsSigned() ? LogicalType.TINYINT : LogicalType.SMALLINT;
                case 16 -> i.getIsSigned() ? LogicalType.SMALLINT : LogicalType.INTEGER;
                case 32 -> i.getIsSigned() ? LogicalType.INTEGER : LogicalType.BIGINT;
                default -> i.getIsSigned() ? LogicalType.BIGINT : LogicalType.HUGEINT;
            };
            case ArrowType.FloatingPoint f -> f.getPrecision() == FloatingPointPrecision.DOUBLE ? LogicalType.DOUBLE : LogicalType.FLOAT;
            case ArrowType.Decimal d -> {
                if ("HUGEINT".equals(declared) && d.getPrecision() == 38 && d.getScale() == 0) yield LogicalType.HUGEINT;
                if (d.getPrecision() > LogicalType.MAX_DECIMAL_PRECISION || d.getScale() < 0) yield LogicalType.DOUBLE;
                yield LogicalType.decimal(d.getPrecision(), d.getScale());
            }
            case ArrowType.Utf8 s -> LogicalType.VARCHAR;
            case ArrowType.LargeUtf8 s -> LogicalType.VARCHAR;
            case ArrowType.Utf8View s -> LogicalType.VARCHAR;
            case ArrowType.Binary b -> LogicalType.BLOB;
            case ArrowType.LargeBinary b -> LogicalType.BLOB;
            case ArrowType.BinaryView b -> LogicalType.BLOB;
            case ArrowType.FixedSizeBinary b -> LogicalType.BLOB;
            case ArrowType.Date d -> LogicalType.DATE;
            case ArrowType.Time tm -> LogicalType.TIME;
            case ArrowType.Timestamp ts -> LogicalType.TIMESTAMP;
            case ArrowType.Interval iv -> LogicalType.INTERVAL;
            case ArrowType.Duration du -> LogicalType.INTERVAL;
            default -> throw new NotImplementedException("Arrow column \"" + field.getName() + "\" has type " + t
                    + ", which TealDB cannot read yet");
        };
    }
}
