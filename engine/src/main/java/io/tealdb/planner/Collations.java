package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * String collations as DuckDB has them: {@code nocase} (compare lower-cased), {@code noaccent}
 * (compare with accents stripped), {@code nfc} (compare NFC-normalized), combinable with dots
 * ({@code noaccent.nocase}). A collation travels on the VARCHAR type ({@link LogicalType#collation()});
 * where strings are compared, matched or ordered the binder replaces each operand by its collation
 * key (e.g. {@code lower(strip_accents(x))}), so the operators themselves stay byte comparisons.
 */
public final class Collations {
    private Collations() {
    }

    /** The key function of each collation. */
    private static final List<String> KNOWN = List.of("nocase", "noaccent", "nfc");

    /** Names that mean byte order (PostgreSQL clients' catalog queries say COLLATE "C" / pg_catalog.default). */
    private static final Set<String> BINARY = Set.of("binary", "c", "posix", "default", "pg_catalog.default", "pg_catalog.c",
            "pg_catalog.\"default\"", "ucs_basic");

    /**
     * Functions that compare or search their string arguments: a collation on any argument applies
     * to all of them (DuckDB pushes the collation into the arguments). Other functions returning
     * VARCHAR pass the collation of their arguments on to their result.
     */
    static final Set<String> COMPARING = Set.of("contains", "strpos", "instr", "position", "starts_with", "prefix",
            "ends_with", "suffix", "^@", "~~", "!~~", "~~*", "!~~*", "~~~", "like", "not_like", "ilike", "not_ilike", "glob",
            "like_escape", "not_like_escape", "ilike_escape", "not_ilike_escape");

    /** The collation {@code name} stands for: null for byte order, else its lower-case parts joined by dots. */
    public static String normalize(String name, int pos) {
        String n = name.toLowerCase(Locale.ROOT).replace("\"", "");
        if (BINARY.contains(n)) return null;
        StringBuilder out = new StringBuilder();
        for (String part : n.split("\\.", -1)) {
            if (part.equals("binary")) continue;
            if (!KNOWN.contains(part)) {
                throw new CatalogException("Collation with name " + part + " does not exist!", pos);
            }
            if (!out.isEmpty()) out.append('.');
            out.append(part);
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** The collation shared by {@code types} (the VARCHAR ones that have one); different collations are an error. */
    static String combined(List<LogicalType> types, int pos) {
        String found = null;
        for (LogicalType t : types) {
            String c = t.id() == TypeId.VARCHAR ? t.collation() : null;
            if (c == null) continue;
            if (found != null && !found.equals(c)) {
                throw new BinderException("Cannot combine types with different collation!", pos);
            }
            found = c;
        }
        return found;
    }

    /** The key functions of {@code collation}, in the order they apply. */
    static List<String> keyFunctions(String collation) {
        // normalization first, then accents stripped, then lower-cased
        List<String> parts = List.of(collation.split("\\."));
        return List.of("nfc", "noaccent", "nocase").stream().filter(parts::contains).map(p -> switch (p) {
            case "nocase" -> "lower";
            case "noaccent" -> "strip_accents";
            default -> "nfc_normalize";
        }).toList();
    }
}
