package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarOverload;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Functions over a STRUCT's shape: struct_keys (its field names), struct_concat (the fields of
 * several structs side by side) and remap_struct (a nested value rebuilt in another shape, see
 * {@link io.tealdb.function.cast.StructRemap}). Both work on the field vectors: a STRUCT row is the same row of
 * every field vector, so concatenation copies whole field vectors, not rows.
 */
final class StructFunctions {
    private StructFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.addScalar(new ScalarOverload("struct_keys", List.of(ArgSpec.ANY), null, (types, c) -> keys(types.get(0))));
        r.addScalar(new ScalarOverload("struct_concat", List.of(), ArgSpec.ANY, (types, c) -> concat(types)));
        r.addScalar(new ScalarOverload("remap_struct", List.of(ArgSpec.ANY, ArgSpec.ANY, ArgSpec.ANY, ArgSpec.ANY), null,
                StructFunctions::remap));
    }

    /**
     * remap_struct(input, target, mapping, defaults): {@code input} rebuilt in the shape of
     * {@code target}'s type (its value is not used) as {@code StructRemap} describes; mapping and
     * defaults must be constants.
     */
    private static ScalarFunction remap(List<LogicalType> types, List<io.tealdb.types.Value> constants) {
        io.tealdb.types.Value mapping = constants.get(2);
        io.tealdb.types.Value defaults = constants.get(3);
        if (mapping == null && types.get(2).id() != TypeId.SQLNULL) {
            throw new io.tealdb.error.BinderException("The mapping provided to 'remap_struct' must be a constant");
        }
        if (defaults == null && types.get(3).id() != TypeId.SQLNULL) {
            throw new io.tealdb.error.BinderException("Default values must be constants");
        }
        io.tealdb.function.ScalarKernel kernel = io.tealdb.function.cast.StructRemap.kernel(types.get(0), types.get(1), mapping, defaults);
        return new ScalarFunction("remap_struct", types, types.get(1), (args, count, res) -> kernel.execute(new Vector[]{args[0]}, count, res));
    }

    private static boolean unnamed(LogicalType struct) {
        return !struct.children().isEmpty() && struct.children().get(0).name().isEmpty();
    }

    /** struct_keys(s): the field names as a VARCHAR[] (NULL for a NULL struct). */
    private static ScalarFunction keys(LogicalType type) {
        LogicalType result = LogicalType.list(LogicalType.VARCHAR);
        if (type.id() == TypeId.SQLNULL) {
            return new ScalarFunction("struct_keys", List.of(type), result, (args, count, res) -> {
                for (int i = 0; i < count; i++) res.setNull(i);
            });
        }
        if (type.id() != TypeId.STRUCT || unnamed(type)) throw new InvalidInputException("struct_keys() expects a STRUCT argument");
        List<TypeField> fields = type.children();
        byte[][] names = new byte[fields.size()][];
        for (int k = 0; k < names.length; k++) names[k] = fields.get(k).name().getBytes(StandardCharsets.UTF_8);
        return new ScalarFunction("struct_keys", List.of(type), result, (args, count, res) -> {
            Vector s = args[0];
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                if (s.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int at = res.startList(i, names.length);
                for (int k = 0; k < names.length; k++) out.setBytes(at + k, names[k]);
            }
        });
    }

    /**
     * struct_concat(a, b, ...): one struct with the fields of all arguments in order. A NULL argument
     * contributes NULL fields (the result itself is never NULL); named and unnamed structs do not
     * mix, and a field name may appear once, ignoring case.
     */
    private static ScalarFunction concat(List<LogicalType> types) {
        if (types.isEmpty()) throw new InvalidInputException("struct_concat: At least one argument is required");
        List<TypeField> fields = new ArrayList<>();
        Boolean named = null;
        for (int a = 0; a < types.size(); a++) {
            LogicalType t = types.get(a);
            if (t.id() != TypeId.STRUCT) {
                throw new InvalidInputException("struct_concat: Argument at position \"" + (a + 1) + "\" is not a STRUCT");
            }
            if (t.children().isEmpty()) continue;
            boolean isNamed = !unnamed(t);
            if (named != null && named != isNamed) throw new InvalidInputException("struct_concat: Cannot mix named and unnamed STRUCTs");
            named = isNamed;
            for (TypeField f : t.children()) {
                if (isNamed) {
                    for (TypeField seen : fields) {
                        if (seen.name().equals(f.name())) {
                            throw new InvalidInputException("struct_concat: Arguments contain duplicate STRUCT entry \"" + f.name() + "\"");
                        }
                        if (seen.name().toLowerCase(Locale.ROOT).equals(f.name().toLowerCase(Locale.ROOT))) {
                            throw new InvalidInputException("struct_concat: Arguments contain case-insensitive duplicate STRUCT entry \""
                                    + f.name() + "\" and \"" + seen.name() + "\"");
                        }
                    }
                }
                fields.add(f);
            }
        }
        LogicalType result = LogicalType.struct(fields);
        return new ScalarFunction("struct_concat", types, result, (args, count, res) -> {
            int at = 0;
            for (Vector s : args) {
                for (Vector field : s.children) {
                    Vector out = res.children[at++];
                    out.copyRange(field, 0, 0, count);
                    if (s.validity != null) {
                        for (int i = 0; i < count; i++) if (s.isNull(i)) out.setNull(i);
                    }
                }
            }
            for (int i = 0; i < count; i++) res.setValid(i);
        });
    }
}
