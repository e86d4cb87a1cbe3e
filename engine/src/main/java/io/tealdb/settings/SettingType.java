package io.tealdb.settings;

import io.tealdb.error.InvalidInputException;
import io.tealdb.memory.MemoryManager;
import io.tealdb.types.TimeZones;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What values a setting takes. {@link #normalize} validates a value as given (SET's text, a
 * connection option, a start-up parameter) and returns the canonical text that is stored and shown,
 * so that every reader of a setting sees one spelling ({@code on}, {@code 1.5 GiB}, {@code Etc/UTC}).
 */
public sealed interface SettingType {
    /** The canonical text of {@code input} (never null); {@code current} is the value now in force (DateStyle keeps parts of it). */
    String normalize(String setting, String input, String current);

    /** DuckDB's {@code duckdb_settings().input_type}. */
    default String inputType() {
        return switch (this) {
            case Flag f -> "BOOLEAN";
            case WholeNumber n -> "BIGINT";
            case Milliseconds m -> "BIGINT";
            case ByteSize b -> "VARCHAR";
            case Choice c -> "VARCHAR";
            case Zone z -> "VARCHAR";
            case DateStyle d -> "VARCHAR";
            case Text t -> "VARCHAR";
        };
    }

    /** PostgreSQL's {@code pg_settings.vartype}. */
    default String pgVarType() {
        return switch (this) {
            case Flag f -> "bool";
            case WholeNumber n -> "integer";
            case Milliseconds m -> "integer";
            case Choice c -> "enum";
            case ByteSize b -> "string";
            case Zone z -> "string";
            case DateStyle d -> "string";
            case Text t -> "string";
        };
    }

    private static InvalidInputException invalid(String setting, String input, String expected) {
        return new InvalidInputException("invalid value for setting \"" + setting + "\": \"" + input + "\" (expected " + expected + ")");
    }

    /** A boolean: true/false, on/off, yes/no, 1/0, t/f; shown as on/off when {@code onOff} (PostgreSQL's settings), else true/false. */
    record Flag(boolean onOff) implements SettingType {
        @Override
        public String normalize(String setting, String input, String current) {
            boolean v = switch (input.strip().toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes", "1", "t", "y" -> true;
                case "off", "false", "no", "0", "f", "n" -> false;
                default -> throw invalid(setting, input, "a boolean");
            };
            return onOff ? (v ? "on" : "off") : Boolean.toString(v);
        }

        public static boolean isTrue(String canonical) {
            return canonical.equals("on") || canonical.equals("true");
        }
    }

    /** A whole number in [min, max]. */
    record WholeNumber(long min, long max) implements SettingType {
        @Override
        public String normalize(String setting, String input, String current) {
            long v;
            try {
                v = Long.parseLong(input.strip());
            } catch (NumberFormatException e) {
                throw invalid(setting, input, "a whole number");
            }
            if (v < min || v > max) throw invalid(setting, input, "a whole number between " + min + " and " + max);
            return Long.toString(v);
        }
    }

    /** A number of bytes: {@code 2GB}, {@code 512 MiB}, {@code 75%} of the heap; shown as DuckDB shows it ({@code 1.9 GiB}). */
    record ByteSize() implements SettingType {
        @Override
        public String normalize(String setting, String input, String current) {
            return MemoryManager.format(bytes(input));
        }

        /** The bytes of a value in any accepted form (including the canonical one). */
        public static long bytes(String text) {
            return MemoryManager.parseSize(text);
        }
    }

    /** A duration in milliseconds: {@code 5000}, {@code 100ms}, {@code 5s}, {@code 1min}, {@code 1h}; shown as milliseconds. */
    record Milliseconds() implements SettingType {
        @Override
        public String normalize(String setting, String input, String current) {
            String s = input.strip().toLowerCase(Locale.ROOT).replace(" ", "");
            long unit = 1;
            for (Map.Entry<String, Long> u : List.of(Map.entry("ms", 1L), Map.entry("min", 60_000L), Map.entry("s", 1000L),
                    Map.entry("h", 3_600_000L), Map.entry("d", 86_400_000L))) {
                if (s.endsWith(u.getKey())) {
                    s = s.substring(0, s.length() - u.getKey().length());
                    unit = u.getValue();
                    break;
                }
            }
            try {
                long v = Math.multiplyExact(Long.parseLong(s), unit);
                if (v < 0) throw invalid(setting, input, "a duration of at least 0");
                return Long.toString(v);
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid(setting, input, "a duration such as 5000, 100ms, 5s or 1min");
            }
        }
    }

    /**
     * One of a fixed list, compared without case (and, for encoding names, on letters and digits
     * only, as PostgreSQL's clean_encoding_name does); {@code synonyms} maps other accepted
     * spellings to a choice; {@code parserErrorFormat}, when not null, is DuckDB's own message for a bad
     * value (a Parser Error with the value in place of {@code %s}) where scripts test for it.
     */
    record Choice(List<String> choices, Map<String, String> synonyms, boolean lettersAndDigitsOnly, String parserErrorFormat)
            implements SettingType {
        public Choice(String... choices) {
            this(List.of(choices), Map.of(), false, null);
        }

        public Choice(List<String> choices, Map<String, String> synonyms, boolean lettersAndDigitsOnly) {
            this(choices, synonyms, lettersAndDigitsOnly, null);
        }

        private String key(String s) {
            String k = s.strip().toLowerCase(Locale.ROOT);
            return lettersAndDigitsOnly ? k.replaceAll("[^a-z0-9]", "") : k;
        }

        @Override
        public String normalize(String setting, String input, String current) {
            String k = key(input);
            for (String c : choices) if (key(c).equals(k)) return c;
            for (Map.Entry<String, String> e : synonyms.entrySet()) if (key(e.getKey()).equals(k)) return e.getValue();
            if (parserErrorFormat != null) throw new io.tealdb.parser.ParserException(String.format(parserErrorFormat, input), -1);
            throw invalid(setting, input, "one of " + String.join(", ", choices));
        }
    }

    /** A time zone: an IANA name in any case or a fixed offset; shown under its canonical IANA name. */
    record Zone() implements SettingType {
        @Override
        public String normalize(String setting, String input, String current) {
            return TimeZones.resolve(input.strip()).getId();
        }
    }

    /** PostgreSQL's DateStyle: only ISO output; the field order (MDY, DMY, YMD) is kept from the value or from {@code current}. */
    record DateStyle() implements SettingType {
        @Override
        public String normalize(String setting, String input, String current) {
            String order = current == null || current.indexOf(',') < 0 ? "MDY" : current.substring(current.indexOf(',') + 1).strip();
            for (String part : input.toUpperCase(Locale.ROOT).split("[,\\s]+")) {
                switch (part) {
                    case "ISO", "" -> {
                    }
                    case "MDY", "US", "NONEURO", "NONEUROPEAN" -> order = "MDY";
                    case "DMY", "EUROPEAN" -> order = "DMY";
                    case "YMD" -> order = "YMD";
                    default -> throw invalid(setting, input, "ISO with MDY, DMY or YMD (only ISO output is supported)");
                }
            }
            return "ISO, " + order;
        }
    }

    /** Free text. */
    record Text() implements SettingType {
        @Override
        public String normalize(String setting, String input, String current) {
            return input;
        }
    }
}
