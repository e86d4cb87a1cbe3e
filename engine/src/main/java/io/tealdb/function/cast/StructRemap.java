package io.tealdb.function.cast;

import io.tealdb.error.BinderException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB's {@code remap_struct(input, target, mapping, defaults)}: rebuilds a nested value into the
 * shape of {@code target}, field by field. The mapping names, for each target field, the source field
 * it comes from ({@code 'v1': 'i'}) or, for a nested field, the source field and the mapping one level
 * down ({@code 'v2': ROW('j', {...})}); a LIST's element is the child {@code list}, a MAP's are
 * {@code key} and {@code value}. Target fields without a source take a constant from {@code defaults}
 * (a struct of the same shape). Field names match ignoring case; a leaf is cast to its target type.
 *
 * <p>ALTER TABLE on a field of a nested column (RENAME / DROP / ADD {@code s.a.b}) is this remap of
 * the column's values, as in DuckDB. The work is on child vectors: a STRUCT's result fields are its
 * source field vectors (cast) or constants, a LIST's entries go through the element's remap once per
 * chunk.
 */
public final class StructRemap {
    private StructRemap() {
    }

    /** One target child: from source child {@code source} through {@code kernel}, or the constant {@code constant}. */
    private record Child(int source, ScalarKernel kernel, Value constant) {
    }

    /**
     * The kernel remapping values of {@code source} into {@code target}. {@code mapping} and
     * {@code defaults} are constants (a STRUCT value, or null / a NULL of type "NULL" for none); errors
     * are DuckDB's binder errors.
     */
    public static ScalarKernel kernel(LogicalType source, LogicalType target, Value mapping, Value defaults) {
        for (LogicalType t : new LogicalType[]{source, target, mapping == null ? null : mapping.type()}) {
            if (t != null && t.id() != TypeId.SQLNULL && !t.isNested()) {
                throw new BinderException("Struct remap can only remap nested types, not '" + t + "'");
            }
            if (t != null && t.id() == TypeId.STRUCT && unnamed(t)) {
                throw new BinderException("Struct remap can only remap named structs");
            }
        }
        if (target.id() == TypeId.SQLNULL || source.id() == TypeId.SQLNULL) {
            throw new BinderException("Struct remap can only remap nested types, not '" + LogicalType.SQLNULL + "'");
        }
        if (mapping != null && mapping.type().id() == TypeId.SQLNULL) mapping = null;
        if (defaults != null && defaults.type().id() == TypeId.SQLNULL) defaults = null;
        if (defaults != null && defaults.type().id() != TypeId.STRUCT) {
            throw new BinderException("The defaults provided to 'remap_struct' should be of type STRUCT if they're not NULL");
        }
        if (source.id() != target.id()) throw typeChange(source, target);
        return nested(source, target, mapping, defaults);
    }

    private static boolean unnamed(LogicalType struct) {
        return !struct.children().isEmpty() && struct.children().get(0).name().isEmpty();
    }

    private static BinderException typeChange(LogicalType source, LogicalType target) {
        return new BinderException("Can't change source type (" + source + ") to target type (" + target
                + "), type conversion not allowed");
    }

    /** The children a mapping names: a STRUCT's fields, a LIST's {@code list}, a MAP's {@code key} and {@code value}. */
    private static List<TypeField> remapChildren(LogicalType t) {
        return switch (t.id()) {
            case STRUCT -> t.children();
            case LIST -> List.of(new TypeField("list", t.childType()));
            case MAP -> t.children();
            default -> throw new BinderException("Can't remap type " + t);
        };
    }

    private static int find(List<TypeField> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    /** The fields of a STRUCT constant as (name, value) pairs; values are null when the struct is. */
    private static List<Value> fieldValues(Value struct) {
        List<Value> out = new ArrayList<>();
        List<?> objects = struct.isNull() ? null : (List<?>) struct.object();
        List<TypeField> fields = struct.type().children();
        for (int i = 0; i < fields.size(); i++) {
            out.add(new Value(fields.get(i).type(), objects == null ? null : objects.get(i)));
        }
        return out;
    }

    /**
     * The kernel building {@code target} values from {@code source} values (both the same kind of
     * nested type; source null: from defaults alone).
     */
    private static ScalarKernel nested(LogicalType source, LogicalType target, Value mapping, Value defaults) {
        List<TypeField> targets = remapChildren(target);
        List<TypeField> sources = source == null ? List.of() : remapChildren(source);
        int n = targets.size();
        int[] from = new int[n];
        java.util.Arrays.fill(from, -1);
        Value[] childMapping = new Value[n];
        Value[] childDefaults = new Value[n];
        Value[] constants = new Value[n];
        if (mapping != null) {
            List<TypeField> keys = mapping.type().children();
            List<Value> values = fieldValues(mapping);
            for (int k = 0; k < keys.size(); k++) {
                String name = keys.get(k).name();
                int t = find(targets, name);
                if (t < 0) throw new BinderException("Target value " + name + " not found");
                Value v = values.get(k);
                String sourceName;
                if (v.type().id() == TypeId.VARCHAR && !v.isNull()) {
                    sourceName = (String) v.object();
                } else if (v.type().id() == TypeId.STRUCT && !v.isNull()) {
                    List<TypeField> pair = v.type().children();
                    if (pair.size() != 2) throw new BinderException("Remap keys for remap_struct needs to have two children");
                    if (pair.get(0).type().id() != TypeId.VARCHAR || pair.get(1).type().id() != TypeId.STRUCT) {
                        throw new BinderException("Remap keys for remap_struct need to be varchar and struct");
                    }
                    List<Value> parts = fieldValues(v);
                    sourceName = (String) parts.get(0).object();
                    childMapping[t] = parts.get(1);
                } else {
                    throw new BinderException("Remap keys for remap_struct needs to be a string or struct");
                }
                int s = sourceName == null ? -1 : find(sources, sourceName);
                if (s < 0) throw new BinderException("Source value " + sourceName + " not found");
                from[t] = s;
            }
        }
        if (defaults != null) {
            List<TypeField> keys = defaults.type().children();
            List<Value> values = fieldValues(defaults);
            for (int k = 0; k < keys.size(); k++) {
                String name = keys.get(k).name();
                int t = find(targets, name);
                if (t < 0) throw new BinderException("Default value " + name + " not found for remap");
                Value v = values.get(k);
                LogicalType want = targets.get(t).type();
                boolean structDefault = v.type().id() == TypeId.STRUCT && !unnamed(v.type()) && want.isNested();
                if (from[t] >= 0) {
                    if (structDefault) {
                        if (childMapping[t] == null) throw new BinderException("No child remaps found");
                        childDefaults[t] = v;
                    } else if (childMapping[t] != null) {
                        throw new BinderException("Default key " + name + " does not match target type " + want);
                    } else {
                        throw new BinderException("Duplicate value provided for target " + name);
                    }
                } else if (v.type().equals(want)) {
                    constants[t] = v;
                } else if (structDefault && want.id() == TypeId.STRUCT) {
                    childDefaults[t] = v;
                } else {
                    throw new BinderException("Default key " + name + " does not match target type " + want + " - add a cast");
                }
            }
        }
        Child[] children = new Child[n];
        for (int t = 0; t < n; t++) {
            LogicalType want = targets.get(t).type();
            if (constants[t] != null) {
                children[t] = new Child(-1, null, constants[t]);
            } else if (from[t] >= 0) {
                LogicalType have = sources.get(from[t]).type();
                ScalarKernel k;
                if (childMapping[t] != null) {
                    if (!have.isNested() || !want.isNested()) {
                        throw new BinderException("Found a struct value (" + ValueFormatter.format(childMapping[t])
                                + ") as a remap, this is only expected for a nested type, source type is '" + have
                                + "', target type is '" + want + "'");
                    }
                    if (have.id() != want.id()) throw typeChange(have, want);
                    k = nested(have, want, childMapping[t], childDefaults[t]);
                } else {
                    if ((have.isNested() || want.isNested()) && have.id() != want.id()) throw typeChange(have, want);
                    k = Casts.kernel(have, want, false);
                }
                children[t] = new Child(from[t], k, null);
            } else if (childDefaults[t] != null) {
                children[t] = new Child(-1, nested(null, want, null, childDefaults[t]), null);
            } else {
                throw new BinderException("Missing target value \"" + targets.get(t).name() + "\" for remap");
            }
        }
        return switch (target.id()) {
            case STRUCT -> structKernel(children);
            case LIST -> {
                if (children[0].source() < 0) throw new BinderException("No child remaps found");
                yield NestedCasts.listKernel(source, target, children[0].kernel(), false);
            }
            // a MAP is a LIST of STRUCT(key, value): the entries are remapped as that struct
            default -> NestedCasts.listKernel(source, target, structKernel(children), false);
        };
    }

    /** A STRUCT from the source's field vectors (through their kernels) and constants; NULL where the source is. */
    private static ScalarKernel structKernel(Child[] children) {
        return (args, count, res) -> {
            Vector in = args[0];
            for (int k = 0; k < children.length; k++) {
                Child c = children[k];
                Vector out = res.children[k];
                out.reserve(count);
                if (c.constant() != null) {
                    out.copyRange(Vector.constant(c.constant().type(), c.constant().object(), count), 0, 0, count);
                } else if (c.source() >= 0) {
                    c.kernel().execute(new Vector[]{NestedCasts.maskedField(in, c.source(), count)}, count, out);
                } else {
                    c.kernel().execute(new Vector[]{null}, count, out);
                }
            }
            for (int i = 0; i < count; i++) {
                if (in != null && in.isNull(i)) {
                    res.setNull(i);
                } else {
                    res.setValid(i);
                }
            }
        };
    }
}
