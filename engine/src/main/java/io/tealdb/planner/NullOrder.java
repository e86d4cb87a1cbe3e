package io.tealdb.planner;

import io.tealdb.error.InvalidInputException;

import java.util.Locale;

/** The {@code default_null_order} setting: where NULLs sort when ORDER BY does not say. */
public enum NullOrder {
    NULLS_LAST, NULLS_FIRST, NULLS_FIRST_ON_ASC_LAST_ON_DESC, NULLS_LAST_ON_ASC_FIRST_ON_DESC;

    public boolean nullsFirst(boolean ascending) {
        return switch (this) {
            case NULLS_LAST -> false;
            case NULLS_FIRST -> true;
            case NULLS_FIRST_ON_ASC_LAST_ON_DESC -> ascending;
            case NULLS_LAST_ON_ASC_FIRST_ON_DESC -> !ascending;
        };
    }

    public static NullOrder parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "nulls_last", "nulls last" -> NULLS_LAST;
            case "nulls_first", "nulls first" -> NULLS_FIRST;
            case "nulls_first_on_asc_last_on_desc", "postgres" -> NULLS_FIRST_ON_ASC_LAST_ON_DESC;
            case "nulls_last_on_asc_first_on_desc" -> NULLS_LAST_ON_ASC_FIRST_ON_DESC;
            default -> throw new io.tealdb.parser.ParserException("Unrecognized parameter for option NULL_ORDER \"" + s
                    + "\", expected either NULLS FIRST, NULLS LAST, NULLS_FIRST_ON_ASC_LAST_ON_DESC or NULLS_LAST_ON_ASC_FIRST_ON_DESC", -1);
        };
    }

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
