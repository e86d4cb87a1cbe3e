package io.tealdb.function.scalar;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.tealdb.function.scalar.Kernels.propagateNulls;
import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.types.LogicalType.INTEGER;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * DuckDB's {@code regexp_extract_all(s, pattern [, group [, options]])} (every non-overlapping match,
 * or its group, as a list; a group that took no part in a match is NULL) and the forms that name the
 * capture groups: {@code regexp_extract(s, pattern, ['a', 'b'] [, options])} (a STRUCT of the first
 * match's groups, '' where there is none) and {@code regexp_extract_all(s, pattern, ['a', 'b'] [, options])}
 * (a list of such structs, NULL for a group that took no part). The named forms need a constant
 * pattern and name list, checked when the call is bound.
 */
final class RegexExtractFunctions {
    private RegexExtractFunctions() {
    }

    static void register(FunctionRegistry r) {
        LogicalType strings = LogicalType.list(VARCHAR);
        reg(r, "regexp_extract_all", List.of(VARCHAR, VARCHAR), strings, StringFunctions.regexKernel(allMatches(false)));
        reg(r, "regexp_extract_all", List.of(VARCHAR, VARCHAR, INTEGER), strings, StringFunctions.regexKernel(allMatches(true)));
        reg(r, "regexp_extract_all", List.of(VARCHAR, VARCHAR, INTEGER, VARCHAR), strings,
                StringFunctions.regexKernel(3, false, allMatches(true)));
        for (String name : List.of("regexp_extract", "regexp_extract_all")) {
            boolean all = name.equals("regexp_extract_all");
            Kernels.regWithConstants(r, name, List.of(ArgSpec.of(VARCHAR), ArgSpec.of(VARCHAR), ArgSpec.of(strings)),
                    (types, consts) -> named(name, all, consts));
            Kernels.regWithConstants(r, name, List.of(ArgSpec.of(VARCHAR), ArgSpec.of(VARCHAR), ArgSpec.of(strings), ArgSpec.of(VARCHAR)),
                    (types, consts) -> named(name, all, consts));
        }
    }

    /** Every match of the row (its group {@code args[2]} when {@code group}) into the result list. */
    private static StringFunctions.RegexBody allMatches(boolean group) {
        return (m, a, i, res) -> {
            int g = group ? a[2].ints[i] : 0;
            if (g < 0 || g > m.groupCount()) {
                throw new InvalidInputException("Pattern has " + m.groupCount() + " groups. Cannot access group " + g);
            }
            List<String> found = new ArrayList<>();
            while (m.find()) found.add(m.group(g));
            int at = res.startList(i, found.size());
            Vector out = res.child();
            for (String s : found) {
                if (s == null) out.setNull(at++);
                else out.setString(at++, s);
            }
        };
    }

    private static ScalarFunction named(String name, boolean all, List<Value> consts) {
        Value names = consts.get(2);
        if (names == null) {
            throw new BinderException("The \"name_list\" argument in function \"" + name + "\" must be a constant expression");
        }
        Value pattern = consts.get(1);
        if (pattern == null || pattern.isNull()) {
            throw new BinderException("\"" + name + "\" with LIST " + (all ? "" : "of group names ") + "requires a constant pattern");
        }
        if (names.isNull()) throw new BinderException("Group specification must be a non-NULL LIST");
        List<?> list = (List<?>) names.object();
        if (list.isEmpty()) throw new BinderException("Group name list must be non-empty");
        List<TypeField> fields = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Object o : list) {
            if (o == null) throw new BinderException("NULL group name in " + name);
            String n = o.toString();
            String key = n.toLowerCase(Locale.ROOT);
            if (seen.contains(key)) throw new BinderException("Duplicate group name '" + n + "' in " + name);
            seen.add(key);
            fields.add(new TypeField(n, VARCHAR));
        }
        int flags = 0;
        boolean literal = false;
        List<LogicalType> params = new ArrayList<>(List.of(VARCHAR, VARCHAR, LogicalType.list(VARCHAR)));
        if (consts.size() > 3) {
            Value options = consts.get(3);
            if (options == null) throw new BinderException("The \"options\" argument in function \"" + name + "\" must be a constant expression");
            if (options.isNull()) throw new InvalidInputException("Regex options field must not be NULL");
            RegexOptions o = RegexOptions.parse(options.object().toString(), false);
            flags = o.re2Flags();
            literal = o.literal();
            params.add(VARCHAR);
        }
        com.google.re2j.Pattern compiled;
        try {
            compiled = Re2Patterns.compile(pattern.object().toString(), flags, literal);
        } catch (InvalidInputException e) {
            throw new BinderException("Pattern failed to parse: " + e.getMessage());
        }
        int groups = compiled.groupCount();
        int n = fields.size();
        if (n > groups) {
            throw new BinderException("Not enough capturing groups (" + groups + ") for provided names (" + n + ")");
        }
        LogicalType struct = LogicalType.struct(fields);
        if (!all) {
            return new ScalarFunction(name, params, struct, (args, count, res) -> {
                propagateNulls(args, count, res);
                for (int i = 0; i < count; i++) {
                    if (res.isNull(i)) continue;
                    com.google.re2j.Matcher m = Re2Patterns.matcher(compiled, args[0].getString(i));
                    boolean found = m.find();
                    for (int k = 0; k < n; k++) {
                        String g = found ? m.group(k + 1) : null;
                        res.children[k].setString(i, g == null ? "" : g);
                    }
                }
            });
        }
        return new ScalarFunction(name, params, LogicalType.list(struct), (args, count, res) -> {
            propagateNulls(args, count, res);
            List<String> found = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (res.isNull(i)) continue;
                com.google.re2j.Matcher m = Re2Patterns.matcher(compiled, args[0].getString(i));
                found.clear();
                while (m.find()) {
                    for (int k = 1; k <= n; k++) found.add(m.group(k));
                }
                int matches = found.size() / n;
                int at = res.startList(i, matches);
                Vector out = res.child();
                for (int e = 0; e < matches; e++, at++) {
                    out.setValid(at);
                    for (int k = 0; k < n; k++) {
                        String g = found.get(e * n + k);
                        if (g == null) out.children[k].setNull(at);
                        else {
                            out.children[k].setValid(at);
                            out.children[k].setString(at, g);
                        }
                    }
                }
            }
        });
    }
}
