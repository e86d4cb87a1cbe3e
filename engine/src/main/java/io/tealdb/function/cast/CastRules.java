package io.tealdb.function.cast;

import io.tealdb.error.BinderException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

import java.util.List;

/**
 * Which implicit casts exist and what they cost (drives overload resolution), and the common
 * supertype of two types (comparisons, UNION, CASE, IN, COALESCE). Modelled on DuckDB's cast
 * rules: the cost of a cast is the preference of its target type, so that e.g. INTEGER arguments
 * prefer a BIGINT overload over a DOUBLE one, and DOUBLE over DECIMAL.
 */
public final class CastRules {
    private CastRules() {
    }

    /** Preference of a cast target: lower is preferred. */
    static int targetTypeCost(LogicalType to) {
        return switch (to.id()) {
            case INTEGER -> 103;
            case BIGINT -> 101;
            case DOUBLE -> 102;
            case HUGEINT -> 120;
            case TIMESTAMP -> 120;
            case VARCHAR -> 149;
            case DECIMAL -> 104;
            default -> 110;
        };
    }

    /**
     * Cost of implicitly casting {@code from} to {@code to}: 0 for identical types, a positive cost
     * for an allowed implicit cast, -1 when none exists. (VARCHAR literals → anything is the
     * binder's business: a string literal may be cast anywhere.)
     */
    public static int implicitCastCost(LogicalType from, LogicalType to) {
        if (from.equals(to)) {
            return 0;
        }
        if (from.id() == TypeId.SQLNULL) {
            return targetTypeCost(to);
        }
        TypeId f = from.id();
        TypeId t = to.id();
        // JSON is VARCHAR text: each casts to the other implicitly (DuckDB's rule)
        if (f == TypeId.JSON && t == TypeId.VARCHAR) return targetTypeCost(to);
        if (f == TypeId.VARCHAR && t == TypeId.JSON) return targetTypeCost(to) + 50;
        // an enum reads as its label wherever text is wanted (DuckDB: ENUM -> VARCHAR is implicit)
        if (f == TypeId.ENUM) return t == TypeId.VARCHAR ? targetTypeCost(to) : -1;
        if (f.isNested() || t.isNested()) {
            return nestedCastCost(from, to);
        }
        // BIGNUM: every integer widens to it, and it to DOUBLE (DuckDB's implicit casts)
        if (t == TypeId.BIGNUM) return f.isInteger() ? targetTypeCost(to) : -1;
        if (f == TypeId.BIGNUM) return t == TypeId.DOUBLE ? targetTypeCost(to) : -1;
        if (f == TypeId.DECIMAL && t == TypeId.DECIMAL) {
            // widening a decimal never loses digits: allowed when both integer and fractional parts fit
            int fi = from.precision() - from.scale();
            int ti = to.precision() - to.scale();
            return ti >= fi && to.scale() >= from.scale() ? targetTypeCost(to) : -1;
        }
        boolean ok = switch (f) {
            case TINYINT -> t == TypeId.SMALLINT || t == TypeId.INTEGER || t == TypeId.BIGINT || t == TypeId.HUGEINT
                    || t == TypeId.FLOAT || t == TypeId.DOUBLE || (t == TypeId.DECIMAL && decimalFitsInteger(to, 3));
            case SMALLINT -> t == TypeId.INTEGER || t == TypeId.BIGINT || t == TypeId.HUGEINT
                    || t == TypeId.FLOAT || t == TypeId.DOUBLE || (t == TypeId.DECIMAL && decimalFitsInteger(to, 5));
            case INTEGER -> t == TypeId.BIGINT || t == TypeId.HUGEINT || t == TypeId.FLOAT || t == TypeId.DOUBLE
                    || (t == TypeId.DECIMAL && decimalFitsInteger(to, 10));
            case BIGINT -> t == TypeId.HUGEINT || t == TypeId.FLOAT || t == TypeId.DOUBLE
                    || (t == TypeId.DECIMAL && decimalFitsInteger(to, 19));
            case HUGEINT, UHUGEINT -> t == TypeId.FLOAT || t == TypeId.DOUBLE || (t == TypeId.DECIMAL && decimalFitsInteger(to, 38));
            // unsigned: to every wider unsigned and every signed type that holds all values (DuckDB's table)
            case UTINYINT -> t == TypeId.USMALLINT || t == TypeId.UINTEGER || t == TypeId.UBIGINT || t == TypeId.UHUGEINT
                    || t == TypeId.SMALLINT || t == TypeId.INTEGER || t == TypeId.BIGINT || t == TypeId.HUGEINT
                    || t == TypeId.FLOAT || t == TypeId.DOUBLE || (t == TypeId.DECIMAL && decimalFitsInteger(to, 3));
            case USMALLINT -> t == TypeId.UINTEGER || t == TypeId.UBIGINT || t == TypeId.UHUGEINT
                    || t == TypeId.INTEGER || t == TypeId.BIGINT || t == TypeId.HUGEINT
                    || t == TypeId.FLOAT || t == TypeId.DOUBLE || (t == TypeId.DECIMAL && decimalFitsInteger(to, 5));
            case UINTEGER -> t == TypeId.UBIGINT || t == TypeId.UHUGEINT || t == TypeId.BIGINT || t == TypeId.HUGEINT
                    || t == TypeId.FLOAT || t == TypeId.DOUBLE || (t == TypeId.DECIMAL && decimalFitsInteger(to, 10));
            case UBIGINT -> t == TypeId.UHUGEINT || t == TypeId.HUGEINT
                    || t == TypeId.FLOAT || t == TypeId.DOUBLE || (t == TypeId.DECIMAL && decimalFitsInteger(to, 20));
            case FLOAT -> t == TypeId.DOUBLE;
            case DECIMAL -> t == TypeId.FLOAT || t == TypeId.DOUBLE;
            case DATE -> t == TypeId.TIMESTAMP || t == TypeId.TIMESTAMP_TZ || t == TypeId.TIMESTAMP_S
                    || t == TypeId.TIMESTAMP_MS || t == TypeId.TIMESTAMP_NS;
            case TIMESTAMP -> t == TypeId.TIMESTAMP_TZ || t == TypeId.TIMESTAMP_NS;
            case TIMESTAMP_S -> t == TypeId.TIMESTAMP || t == TypeId.TIMESTAMP_MS || t == TypeId.TIMESTAMP_NS;
            case TIMESTAMP_MS -> t == TypeId.TIMESTAMP || t == TypeId.TIMESTAMP_NS;
            case TIMESTAMP_NS -> t == TypeId.TIMESTAMP;
            case UUID -> false;
            default -> false;
        };
        return ok ? targetTypeCost(to) : -1;
    }

    /** Nested types cast implicitly child by child (an ARRAY also to a LIST); the dearest child decides. */
    private static int nestedCastCost(LogicalType from, LogicalType to) {
        TypeId f = from.id();
        TypeId t = to.id();
        if (t == TypeId.UNION) return UnionCasts.implicitCost(from, to);
        if ((f == TypeId.LIST || f == TypeId.ARRAY) && t == TypeId.LIST) {
            int c = implicitCastCost(from.childType(), to.childType());
            return c < 0 ? -1 : Math.max(c, f == TypeId.ARRAY ? 1 : 0) + (f == TypeId.ARRAY ? 1 : 0);
        }
        if (f == TypeId.ARRAY && t == TypeId.ARRAY && from.arraySize() == to.arraySize()) {
            return implicitCastCost(from.childType(), to.childType());
        }
        if (f == TypeId.MAP && t == TypeId.MAP) {
            int k = implicitCastCost(from.mapKey(), to.mapKey());
            int v = implicitCastCost(from.mapValue(), to.mapValue());
            return k < 0 || v < 0 ? -1 : Math.max(k, v);
        }
        if (f == TypeId.STRUCT && t == TypeId.STRUCT && from.children().size() == to.children().size()) {
            int cost = 0;
            for (int i = 0; i < from.children().size(); i++) {
                int c = implicitCastCost(from.children().get(i).type(), to.children().get(i).type());
                if (c < 0) return -1;
                cost = Math.max(cost, c);
            }
            return cost;
        }
        return -1;
    }

    private static boolean decimalFitsInteger(LogicalType dec, int digits) {
        return dec.precision() - dec.scale() >= digits;
    }

    /** The DECIMAL an integer type converts to without loss, as DuckDB sizes it: TINYINT→(3,0) ... BIGINT→(19,0), HUGEINT→(38,0). */
    public static LogicalType integerAsDecimal(LogicalType t) {
        return switch (t.id()) {
            case TINYINT -> LogicalType.decimal(3, 0);
            case SMALLINT -> LogicalType.decimal(5, 0);
            case INTEGER -> LogicalType.decimal(10, 0);
            case BIGINT -> LogicalType.decimal(19, 0);
            case HUGEINT, UHUGEINT -> LogicalType.decimal(38, 0);
            case UTINYINT -> LogicalType.decimal(3, 0);
            case USMALLINT -> LogicalType.decimal(5, 0);
            case UINTEGER -> LogicalType.decimal(10, 0);
            case UBIGINT -> LogicalType.decimal(20, 0);
            case DECIMAL -> t;
            default -> throw new IllegalArgumentException("not an integer type: " + t);
        };
    }

    /** Width rank of an integer type: 1 (8 bits) ... 5 (128 bits), signed or not. */
    public static int integerRank(TypeId id) {
        return switch (id) {
            case TINYINT, UTINYINT -> 1;
            case SMALLINT, USMALLINT -> 2;
            case INTEGER, UINTEGER -> 3;
            case BIGINT, UBIGINT -> 4;
            case HUGEINT, UHUGEINT -> 5;
            default -> 0;
        };
    }

    /**
     * Common type of two integer types (DuckDB): same signedness → the wider; else the signed one
     * when it is wider than the unsigned one, else the signed type one step wider than the unsigned
     * one (UHUGEINT with a signed type: DOUBLE).
     */
    private static LogicalType combineIntegers(LogicalType a, LogicalType b) {
        boolean ua = a.id().isUnsigned();
        boolean ub = b.id().isUnsigned();
        if (ua == ub) {
            return integerRank(a.id()) >= integerRank(b.id()) ? a : b;
        }
        LogicalType unsigned = ua ? a : b;
        LogicalType signed = ua ? b : a;
        if (integerRank(signed.id()) > integerRank(unsigned.id())) {
            return signed;
        }
        return switch (unsigned.id()) {
            case UTINYINT -> LogicalType.SMALLINT;
            case USMALLINT -> LogicalType.INTEGER;
            case UINTEGER -> LogicalType.BIGINT;
            case UBIGINT -> LogicalType.HUGEINT;
            default -> LogicalType.DOUBLE;
        };
    }

    /**
     * Common supertype of {@code a} and {@code b} for comparisons, CASE, IN, COALESCE and UNION.
     * Throws BinderException when the types have none (e.g. VARCHAR vs INTEGER: DuckDB requires an
     * explicit cast; see {@link #forceMaxLogicalType} for UNION's fallback to VARCHAR).
     */
    public static LogicalType maxLogicalType(LogicalType a, LogicalType b) {
        LogicalType r = tryMaxLogicalType(a, b);
        if (r == null) {
            throw new BinderException("Cannot mix values of type " + a + " and " + b + " - an explicit cast is required");
        }
        return r;
    }

    /** Like {@link #maxLogicalType} but returns null when no common type exists. */
    public static LogicalType tryMaxLogicalType(LogicalType a, LogicalType b) {
        if (a.id() == TypeId.SQLNULL) {
            return b;
        }
        if (b.id() == TypeId.SQLNULL) {
            return a;
        }
        // JSON is VARCHAR text: the two meet at JSON
        if ((a.id() == TypeId.JSON && b.id() == TypeId.VARCHAR) || (a.id() == TypeId.VARCHAR && b.id() == TypeId.JSON)) {
            return LogicalType.JSON;
        }
        if (a.equals(b)) {
            return a;
        }
        TypeId x = a.id();
        TypeId y = b.id();
        // JSON next to any other type meets as JSON, every type casting to it (json.foo = 1 compares JSON texts)
        if ((x == TypeId.JSON) != (y == TypeId.JSON)) {
            return LogicalType.JSON;
        }
        // two different enums, or an enum and text, meet as text (DuckDB compares them by label)
        if ((x == TypeId.ENUM && (y == TypeId.ENUM || y == TypeId.VARCHAR)) || (y == TypeId.ENUM && x == TypeId.VARCHAR)) {
            return LogicalType.VARCHAR;
        }
        // BIGNUM holds every integer; with DOUBLE (and FLOAT) it meets as DOUBLE
        if (x == TypeId.BIGNUM || y == TypeId.BIGNUM) {
            TypeId other = x == TypeId.BIGNUM ? y : x;
            if (other.isInteger()) return LogicalType.BIGNUM;
            if (other == TypeId.DOUBLE || other == TypeId.FLOAT) return LogicalType.DOUBLE;
            return null;
        }
        // a BOOLEAN meets an integer as that integer (true = 1), never a DECIMAL or floating-point type
        if (x == TypeId.BOOLEAN && y.isInteger()) return b;
        if (y == TypeId.BOOLEAN && x.isInteger()) return a;
        if (x.isNumeric() && y.isNumeric()) {
            if (x == TypeId.DOUBLE || y == TypeId.DOUBLE) {
                return LogicalType.DOUBLE;
            }
            if (x == TypeId.FLOAT || y == TypeId.FLOAT) {
                // FLOAT with DECIMAL/integer: DuckDB picks FLOAT
                return LogicalType.FLOAT;
            }
            if (x == TypeId.DECIMAL || y == TypeId.DECIMAL) {
                LogicalType da = integerAsDecimal(a);
                LogicalType db = integerAsDecimal(b);
                int scale = Math.max(da.scale(), db.scale());
                int intDigits = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
                int width = Math.min(intDigits + scale, LogicalType.MAX_DECIMAL_PRECISION);
                return LogicalType.decimal(width, Math.min(scale, width));
            }
            return combineIntegers(a, b);
        }
        if ((x == TypeId.DATE && y == TypeId.TIMESTAMP) || (x == TypeId.TIMESTAMP && y == TypeId.DATE)) {
            return LogicalType.TIMESTAMP;
        }
        if ((x.isTimestamp() || x == TypeId.DATE) && (y.isTimestamp() || y == TypeId.DATE)) {
            // any zone wins (TIMESTAMPTZ); else the type the other casts to implicitly
            if (x == TypeId.TIMESTAMP_TZ || y == TypeId.TIMESTAMP_TZ) {
                return LogicalType.TIMESTAMP_TZ;
            }
            // a DATE meets any timestamp as that timestamp; two timestamps meet at the finer one
            if (x == TypeId.DATE) return b;
            if (y == TypeId.DATE) return a;
            return timestampRank(x) >= timestampRank(y) ? a : b;
        }
        if (x == TypeId.UNION || y == TypeId.UNION) {
            return UnionCasts.maxWith(a, b);
        }
        if (x.isNested() && y.isNested()) {
            return maxNested(a, b);
        }
        return null;
    }

    private static int timestampRank(TypeId t) {
        return switch (t) {
            case TIMESTAMP_S -> 0;
            case TIMESTAMP_MS -> 1;
            case TIMESTAMP_NS -> 3;
            default -> 2;
        };
    }

    /** Common type of two nested types, child by child: LIST/ARRAY → LIST, STRUCTs with the same field names, MAPs. */
    private static LogicalType maxNested(LogicalType a, LogicalType b) {
        TypeId x = a.id();
        TypeId y = b.id();
        if (x == TypeId.ARRAY && y == TypeId.ARRAY && a.arraySize() == b.arraySize()) {
            LogicalType c = tryMaxLogicalType(a.childType(), b.childType());
            return c == null ? null : LogicalType.array(c, a.arraySize());
        }
        if ((x == TypeId.LIST || x == TypeId.ARRAY) && (y == TypeId.LIST || y == TypeId.ARRAY)) {
            LogicalType c = tryMaxLogicalType(a.childType(), b.childType());
            return c == null ? null : LogicalType.list(c);
        }
        if (x == TypeId.MAP && y == TypeId.MAP) {
            LogicalType k = tryMaxLogicalType(a.mapKey(), b.mapKey());
            LogicalType v = tryMaxLogicalType(a.mapValue(), b.mapValue());
            return k == null || v == null ? null : LogicalType.map(k, v);
        }
        if (x == TypeId.STRUCT && y == TypeId.STRUCT && a.children().size() == b.children().size()) {
            List<io.tealdb.types.TypeField> fields = new java.util.ArrayList<>();
            boolean sameNames = true;
            for (int i = 0; i < a.children().size(); i++) {
                sameNames &= a.children().get(i).name().equalsIgnoreCase(b.children().get(i).name());
            }
            for (int i = 0; i < a.children().size(); i++) {
                LogicalType c = tryMaxLogicalType(a.children().get(i).type(), b.children().get(i).type());
                if (c == null) return null;
                fields.add(new io.tealdb.types.TypeField(a.children().get(i).name(), c));
            }
            if (sameNames) return LogicalType.struct(fields);
            // an unnamed struct (row(...), (a, b)) takes the other side's field names
            boolean aUnnamed = a.children().get(0).name().isEmpty();
            boolean bUnnamed = b.children().get(0).name().isEmpty();
            if (aUnnamed == bUnnamed) return null;
            List<io.tealdb.types.TypeField> named = new java.util.ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                named.add(new io.tealdb.types.TypeField((aUnnamed ? b : a).children().get(i).name(), fields.get(i).type()));
            }
            return LogicalType.struct(named);
        }
        return null;
    }

    /** UNION / VALUES: like {@link #maxLogicalType}, but incompatible types fall back to VARCHAR (DuckDB's ForceMaxLogicalType). */
    public static LogicalType forceMaxLogicalType(LogicalType a, LogicalType b) {
        LogicalType r = tryMaxLogicalType(a, b);
        return r != null ? r : LogicalType.VARCHAR;
    }

    /** Whether an explicit CAST from {@code from} to {@code to} exists at all. */
    public static boolean canCast(LogicalType from, LogicalType to) {
        if (from.id() == TypeId.SQLNULL || from.equals(to) || to.id() == TypeId.VARCHAR || from.id() == TypeId.VARCHAR) {
            return true;
        }
        TypeId f = from.id();
        TypeId t = to.id();
        // an enum casts as its label does; only text and enums cast into one
        if (f == TypeId.ENUM) return t == TypeId.ENUM || canCast(LogicalType.VARCHAR, to);
        if (t == TypeId.ENUM) return false;
        // BIGNUM: to and from the integers, FLOAT/DOUBLE and JSON
        if (f == TypeId.BIGNUM || t == TypeId.BIGNUM) {
            TypeId other = f == TypeId.BIGNUM ? t : f;
            return other == TypeId.BIGNUM || other.isInteger() || other == TypeId.FLOAT || other == TypeId.DOUBLE || other == TypeId.JSON;
        }
        // BIT: to and from BLOB, the integers and FLOAT/DOUBLE (their bits)
        if (f == TypeId.BIT || t == TypeId.BIT) {
            TypeId other = f == TypeId.BIT ? t : f;
            return other == TypeId.BIT || other == TypeId.BLOB || other.isInteger() || other == TypeId.FLOAT || other == TypeId.DOUBLE;
        }
        boolean fNum = f.isNumeric() || f == TypeId.BOOLEAN;
        boolean tNum = t.isNumeric() || t == TypeId.BOOLEAN;
        if (fNum && tNum) {
            return true;
        }
        if (t == TypeId.UNION) {
            return f == TypeId.UNION || UnionCasts.member(from, to) >= 0;
        }
        if (f == TypeId.UNION) return false;
        if (f.isNested() && t.isNested()) {
            return switch (f) {
                case LIST, ARRAY -> (t == TypeId.LIST || t == TypeId.ARRAY) && canCast(from.childType(), to.childType());
                case MAP -> t == TypeId.MAP && canCast(from.mapKey(), to.mapKey()) && canCast(from.mapValue(), to.mapValue());
                case STRUCT -> t == TypeId.STRUCT;
                default -> false;
            };
        }
        return switch (f) {
            case DATE -> t.isTimestamp();
            case TIMESTAMP -> t == TypeId.DATE || t == TypeId.TIME || t.isTimestamp() || t == TypeId.TIME_TZ;
            case BLOB -> t == TypeId.BLOB || t == TypeId.UUID;
            case UUID -> t == TypeId.UHUGEINT || t == TypeId.BLOB;
            case TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> t.isTimestamp() || t == TypeId.DATE || t == TypeId.TIME
                    || t == TypeId.TIME_TZ;
            case TIME -> t == TypeId.TIME_TZ;
            case TIME_TZ -> t == TypeId.TIME;
            case UHUGEINT -> t == TypeId.UUID;
            default -> false;
        };
    }

    /** DuckDB's internal spelling of a physical integer type in error messages (INT32, DOUBLE, ...). */
    public static String internalName(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN -> "BOOL";
            case TINYINT -> "INT8";
            case SMALLINT -> "INT16";
            case INTEGER -> "INT32";
            case BIGINT -> "INT64";
            case HUGEINT -> "INT128";
            case UTINYINT -> "UINT8";
            case USMALLINT -> "UINT16";
            case UINTEGER -> "UINT32";
            case UBIGINT -> "UINT64";
            case UHUGEINT -> "UINT128";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            default -> t.toString();
        };
    }
}
