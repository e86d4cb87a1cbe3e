package io.tealdb.function.table;

import io.tealdb.function.ScanFilter;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Types and values of hive partition columns: every value an integer → BIGINT, every value a date →
 * DATE, else VARCHAR ({@code NULL} / {@code __HIVE_DEFAULT_PARTITION__} are NULL); and whether a
 * partition value can satisfy a pushed-down filter (files whose value cannot are skipped).
 */
final class HiveTypes {
    private HiveTypes() {
    }

    static LogicalType detect(List<String> values) {
        boolean integers = true, dates = true;
        int seen = 0;
        for (String v : values) {
            if (isNull(v)) continue;
            seen++;
            if (integers && !isInteger(v)) integers = false;
            if (dates && parseDate(v) == null) dates = false;
        }
        if (seen == 0) return LogicalType.VARCHAR;
        return integers ? LogicalType.BIGINT : dates ? LogicalType.DATE : LogicalType.VARCHAR;
    }

    static Value value(String text, LogicalType type) {
        if (text == null || isNull(text)) return Value.nullOf(type);
        return switch (type.id()) {
            case BIGINT -> Value.ofBigint(Long.parseLong(text.strip()));
            case DATE -> new Value(LogicalType.DATE, (int) parseDate(text).toEpochDay());
            default -> Value.ofVarchar(text);
        };
    }

    private static boolean isNull(String v) {
        return v.equals("NULL") || v.equals("__HIVE_DEFAULT_PARTITION__");
    }

    private static boolean isInteger(String v) {
        String s = v.strip();
        if (s.isEmpty() || s.length() > 18) return false;
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        if (i == s.length()) return false;
        for (; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }

    private static LocalDate parseDate(String v) {
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether a file with partition value {@code part} may hold rows passing {@code f}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean matches(Value part, ScanFilter f) {
        boolean isNull = part == null || part.isNull();
        switch (f.op()) {
            case IS_NULL:
                return isNull;
            case IS_NOT_NULL:
                return !isNull;
            default:
                break;
        }
        if (isNull) return false;
        if (!part.type().equals(f.constant().type())) return true;
        TypeId id = part.type().id();
        if (id != TypeId.BIGINT && id != TypeId.DATE && id != TypeId.VARCHAR) return true;
        int c = ((Comparable) part.object()).compareTo(f.constant().object());
        return f.op().holds(c);
    }
}
