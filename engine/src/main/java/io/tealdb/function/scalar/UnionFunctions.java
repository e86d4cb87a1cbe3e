package io.tealdb.function.scalar;

import io.tealdb.error.BinderException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarOverload;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * DuckDB's UNION functions: union_value(tag := v) (a one-member UNION), union_tag(u) (the active
 * member's name, an ENUM of the member names) and union_extract(u, 'name') ({@code u.name}: the
 * member's value, NULL where another member is active). A UNION vector is a STRUCT vector whose
 * child 0 holds the tags and child k + 1 member k, so the kernels work on whole child vectors.
 */
public final class UnionFunctions {
    private UnionFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.addScalar(new ScalarOverload("union_tag", List.of(ArgSpec.ANY_UNION), null, (types, c) -> unionTag(types.get(0))));
        r.addScalar(new ScalarOverload("union_extract", List.of(ArgSpec.ANY_UNION, ArgSpec.of(VARCHAR)), null,
                (types, c) -> unionExtract(types.get(0), c.get(1))));
    }

    /** union_value(name := value): a UNION of the single member {@code name}, holding {@code value}. */
    public static ScalarFunction unionValue(String name, LogicalType valueType) {
        LogicalType union = LogicalType.union(List.of(new TypeField(name, valueType)));
        return new ScalarFunction("union_value", List.of(valueType), union, (args, count, res) -> {
            Arrays.fill(res.children[0].shorts, 0, count, (short) 0);
            res.children[1].copyRange(args[0], 0, 0, count);
        });
    }

    private static ScalarFunction unionTag(LogicalType union) {
        List<String> names = new ArrayList<>(union.unionMemberCount());
        for (TypeField m : union.unionMembers()) names.add(m.name());
        LogicalType tags = LogicalType.enumType(names);
        return new ScalarFunction("union_tag", List.of(union), tags, (args, count, res) -> {
            Vector u = args[0];
            short[] tag = u.children[0].shorts;
            for (int i = 0; i < count; i++) res.ints[i] = tag[i];
            if (u.validity != null) {
                for (int i = 0; i < count; i++) if (u.isNull(i)) res.setNull(i);
            }
        });
    }

    private static ScalarFunction unionExtract(LogicalType union, Value key) {
        if (key == null) throw new BinderException("Key name for union_extract needs to be a constant string");
        if (key.isNull()) {
            return new ScalarFunction("union_extract", List.of(union, VARCHAR), LogicalType.SQLNULL,
                    (args, count, res) -> Arrays.fill(res.ensureValidity(), 0L));
        }
        String name = (String) key.object();
        int k = union.unionMemberIndex(name);
        if (k < 0) {
            StringBuilder candidates = new StringBuilder();
            for (TypeField m : union.unionMembers()) candidates.append(candidates.isEmpty() ? "" : ", ").append('"').append(m.name()).append('"');
            throw new BinderException("Could not find key \"" + name.toLowerCase(Locale.ROOT) + "\" in union\n\nCandidate Entries: " + candidates);
        }
        return member(union, k);
    }

    /** Member {@code k} of a UNION, NULL where the union is NULL or another member is active. */
    public static ScalarFunction member(LogicalType union, int k) {
        return new ScalarFunction("union_extract", List.of(union, VARCHAR), union.unionMember(k).type(), (args, count, res) -> {
            Vector u = args[0];
            res.copyRange(u.children[k + 1], 0, 0, count);
            short[] tag = u.children[0].shorts;
            for (int i = 0; i < count; i++) if (tag[i] != k || u.isNull(i)) res.setNull(i);
        });
    }
}
