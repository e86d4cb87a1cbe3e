package io.tealdb.planner;

import io.tealdb.parser.ast.Expr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The select-list aliases an entry of the SELECT clause may use while the entries bind in order:
 * those of the earlier entries (the map, by lower-case name), and the names later entries define,
 * which DuckDB reports as used before they are defined rather than as unknown.
 */
final class LateralAliases extends HashMap<String, Expr> {
    private final Set<String> later = new HashSet<>();

    /** Notes that an entry not yet bound defines {@code name}. */
    void definedLater(String name) {
        later.add(name.toLowerCase(Locale.ROOT));
    }

    /** The entry defining {@code name} has bound: later entries see its expression. */
    void define(String name, Expr expr) {
        String key = name.toLowerCase(Locale.ROOT);
        later.remove(key);
        putIfAbsent(key, expr);
    }

    boolean isDefinedLater(String name) {
        return later.contains(name.toLowerCase(Locale.ROOT));
    }
}
