package io.tealdb;

import io.tealdb.error.InvalidInputException;
import io.tealdb.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Named parameters ({@code SELECT $name}) given as a map, as DuckDB's clients accept them: turned
 * into the positional values the statement is bound with (each {@code $name} is numbered in order
 * of first appearance). Every name the statement uses needs a value, and every value a name.
 */
public final class NamedParameters {
    private NamedParameters() {
    }

    /** The values of {@code named} in the order of {@code sql}'s {@code $name} parameters. */
    public static Object[] positional(String sql, Map<String, ?> named) {
        List<String> names = Parser.parameterNames(sql);
        List<Object> out = new ArrayList<>(names.size());
        TreeSet<String> missing = new TreeSet<>();
        for (String n : names) {
            if (named.containsKey(n)) out.add(named.get(n));
            else missing.add(n);
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("Values were not provided for the following prepared statement parameters: " + String.join(", ", missing));
        }
        for (String k : named.keySet()) {
            if (!names.contains(k)) {
                throw new InvalidInputException("Named parameters could not be transformed, because query string is missing named parameter '" + k + "'");
            }
        }
        return out.toArray();
    }
}
