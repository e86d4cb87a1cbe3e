package io.tealdb.function.scalar;

import io.tealdb.error.BinderException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.ScalarOverload;
import io.tealdb.types.EnumDictionary;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * DuckDB's enum functions. enum_first / enum_last / enum_range describe the argument's type, so they
 * answer even for a NULL value (DuckDB's idiom {@code enum_range(NULL::mood)}); enum_code is the
 * label's position, typed by the dictionary's size as DuckDB types it (UTINYINT up to 255 labels,
 * USMALLINT up to 65,535, else UINTEGER). Labels are read from the dictionary's shared heap.
 */
final class EnumFunctions {
    private EnumFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.addScalar(new ScalarOverload("enum_first", List.of(ArgSpec.ANY), null, (types, c) -> {
            EnumDictionary d = dictionary(types.get(0));
            return new ScalarFunction("enum_first", types, LogicalType.VARCHAR, label(d, 0));
        }));
        r.addScalar(new ScalarOverload("enum_last", List.of(ArgSpec.ANY), null, (types, c) -> {
            EnumDictionary d = dictionary(types.get(0));
            return new ScalarFunction("enum_last", types, LogicalType.VARCHAR, label(d, d.size() - 1));
        }));
        r.addScalar(new ScalarOverload("enum_range", List.of(ArgSpec.ANY), null, (types, c) -> {
            EnumDictionary d = dictionary(types.get(0));
            return new ScalarFunction("enum_range", types, LogicalType.list(LogicalType.VARCHAR), range(d, 0, d.size() - 1));
        }));
        r.addScalar(new ScalarOverload("enum_range_boundary", List.of(ArgSpec.ANY, ArgSpec.ANY), null, (types, c) -> boundary(types)));
        r.addScalar(new ScalarOverload("enum_code", List.of(ArgSpec.ANY), null, (types, c) -> {
            EnumDictionary d = dictionary(types.get(0));
            LogicalType code = d.size() <= 255 ? LogicalType.UTINYINT : d.size() <= 65_535 ? LogicalType.USMALLINT : LogicalType.UINTEGER;
            return new ScalarFunction("enum_code", types, code, (args, count, result) -> {
                int[] codes = args[0].ints;
                switch (code.physical()) {
                    case INT16 -> {
                        for (int i = 0; i < count; i++) result.shorts[i] = (short) codes[i];
                    }
                    case INT32 -> System.arraycopy(codes, 0, result.ints, 0, count);
                    default -> {
                        for (int i = 0; i < count; i++) result.longs[i] = codes[i];
                    }
                }
                Kernels.propagateNulls(args, count, result);
            });
        }));
    }

    private static EnumDictionary dictionary(LogicalType t) {
        if (t.id() != TypeId.ENUM) throw new BinderException("This function needs an ENUM as an argument");
        return t.dictionary();
    }

    /** Every row gets label {@code code} (NULL for an enum without labels). */
    private static ScalarKernel label(EnumDictionary d, int code) {
        return (args, count, result) -> {
            if (code < 0) {
                for (int i = 0; i < count; i++) result.setNull(i);
                return;
            }
            result.borrowHeap(d.heap());
            for (int i = 0; i < count; i++) {
                result.offsets[i] = d.heapOffset(code);
                result.lengths[i] = d.labelBytes(code).length;
            }
        };
    }

    /** Every row gets the labels {@code [from, to]}. */
    private static ScalarKernel range(EnumDictionary d, int from, int to) {
        return (args, count, result) -> {
            for (int i = 0; i < count; i++) appendRange(d, result, i, from, to);
        };
    }

    private static void appendRange(EnumDictionary d, Vector result, int row, int from, int to) {
        int n = Math.max(0, to - from + 1);
        int at = result.startList(row, n);
        Vector child = result.children[0];
        child.borrowHeap(d.heap());
        for (int k = 0; k < n; k++) {
            child.setValid(at + k);
            child.offsets[at + k] = d.heapOffset(from + k);
            child.lengths[at + k] = d.labelBytes(from + k).length;
        }
    }

    /** enum_range_boundary(a, b): the labels from a to b, a NULL bound meaning the first / last label. */
    private static ScalarFunction boundary(List<LogicalType> types) {
        LogicalType a = types.get(0);
        LogicalType b = types.get(1);
        LogicalType t = a.id() == TypeId.ENUM ? a : b;
        if (t.id() != TypeId.ENUM || (a.id() != TypeId.ENUM && a.id() != TypeId.SQLNULL)
                || (b.id() != TypeId.ENUM && b.id() != TypeId.SQLNULL) || (a.id() == TypeId.ENUM && b.id() == TypeId.ENUM && !a.equals(b))) {
            throw new BinderException("The parameters need to link to ONLY one enum OR be NULL ");
        }
        EnumDictionary d = t.dictionary();
        return new ScalarFunction("enum_range_boundary", List.of(t, t), LogicalType.list(LogicalType.VARCHAR), (args, count, result) -> {
            for (int i = 0; i < count; i++) {
                int from = args[0].isNull(i) ? 0 : args[0].ints[i];
                int to = args[1].isNull(i) ? d.size() - 1 : args[1].ints[i];
                appendRange(d, result, i, from, to);
            }
        });
    }
}
