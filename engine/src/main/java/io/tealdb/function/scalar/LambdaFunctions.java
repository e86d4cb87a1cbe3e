package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.LambdaBody;
import io.tealdb.function.LambdaKernel;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * list_transform, list_filter and list_reduce: the lambda body runs vectorised over the list
 * elements, a chunk ({@link DataChunk#CAPACITY} elements) at a time; its input columns are the
 * element (and for reduce the accumulator), optionally the 1-based element index, then the
 * captured outer columns repeated per element.
 */
public final class LambdaFunctions {
    private LambdaFunctions() {
    }

    public enum Kind { TRANSFORM, FILTER, REDUCE }

    /**
     * The function for {@code kind} over {@code listType}; {@code params} lambda parameters,
     * {@code captured} outer column types (passed as arguments after the list, and after the
     * initial value of a reduce that has one: {@code initialType}, else null).
     */
    public static ScalarFunction create(String name, Kind kind, LogicalType listType, int params, LogicalType bodyType,
                                        List<LogicalType> captured, Object body, int bodyTableIndex, LogicalType initialType) {
        LogicalType element = listType.childType();
        LogicalType accumulator = initialType != null ? initialType : element;
        List<LogicalType> inputs = new ArrayList<>();
        if (kind == Kind.REDUCE) inputs.add(accumulator);
        inputs.add(element);
        boolean withIndex = params > (kind == Kind.REDUCE ? 2 : 1);
        if (withIndex) inputs.add(LogicalType.BIGINT);
        inputs.addAll(captured);
        List<LogicalType> argTypes = new ArrayList<>();
        argTypes.add(listType);
        if (initialType != null) argTypes.add(initialType);
        argTypes.addAll(captured);
        LogicalType result = switch (kind) {
            case TRANSFORM -> LogicalType.list(bodyType);
            case FILTER -> listType;
            case REDUCE -> accumulator;
        };
        boolean withInitial = initialType != null;
        List<LogicalType> bodyInputs = List.copyOf(inputs);
        LambdaKernel kernel = new LambdaKernel() {
            @Override
            public Object body() {
                return body;
            }

            @Override
            public List<LogicalType> bodyInputTypes() {
                return bodyInputs;
            }

            @Override
            public int bodyTableIndex() {
                return bodyTableIndex;
            }

            @Override
            public ScalarKernel withBody(LambdaBody b) {
                return switch (kind) {
                    case TRANSFORM, FILTER -> (args, count, res) -> mapElements(kind, b, bodyInputs, withIndex, args, count, res);
                    case REDUCE -> (args, count, res) -> reduce(b, bodyInputs, withIndex, withInitial, args, count, res);
                };
            }
        };
        return new ScalarFunction(name, argTypes, result, kernel);
    }

    /** transform: the body's value per element; filter: the elements whose body value is true. */
    private static void mapElements(Kind kind, LambdaBody body, List<LogicalType> inputs, boolean withIndex,
                                    Vector[] args, int count, Vector res) {
        Vector l = args[0];
        Vector child = l.child();
        int captured = args.length - 1;
        int total = 0;
        for (int i = 0; i < count; i++) if (l.isValid(i)) total += l.lengths[i];
        boolean[] keep = kind == Kind.FILTER ? new boolean[total] : null;
        int base = 0;
        if (kind == Kind.TRANSFORM) {
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) res.setNull(i);
                else res.startList(i, l.lengths[i]);
            }
            base = count == 0 ? 0 : firstEntry(res, count);
        }
        Vector[] columns = newColumns(inputs);
        int p = 0;
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (l.isNull(i)) continue;
            for (int k = 0; k < l.lengths[i]; k++) {
                int c = 0;
                columns[c++].copyRow(child, l.offsets[i] + k, n);
                if (withIndex) {
                    columns[c].setValid(n);
                    columns[c++].longs[n] = k + 1;
                }
                for (int j = 0; j < captured; j++) columns[c + j].copyRow(args[1 + j], i, n);
                n++;
                if (n == DataChunk.CAPACITY) {
                    flush(kind, body, columns, n, res, base + p, keep, p);
                    p += n;
                    n = 0;
                    columns = newColumns(inputs);
                }
            }
        }
        if (n > 0) flush(kind, body, columns, n, res, base + p, keep, p);
        if (kind == Kind.FILTER) {
            Vector out = res.child();
            int e = 0;
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int kept = 0;
                for (int k = 0; k < l.lengths[i]; k++) if (keep[e + k]) kept++;
                int at = res.startList(i, kept);
                for (int k = 0; k < l.lengths[i]; k++) {
                    if (keep[e + k]) out.copyRow(child, l.offsets[i] + k, at++);
                }
                e += l.lengths[i];
            }
        }
    }

    /** Index in the result's element vector of the first entry written by this call. */
    private static int firstEntry(Vector res, int count) {
        for (int i = 0; i < count; i++) if (res.isValid(i)) return res.offsets[i];
        return res.childUsed;
    }

    private static void flush(Kind kind, LambdaBody body, Vector[] columns, int n, Vector res, int at, boolean[] keep, int p) {
        Vector r = body.evaluate(columns, n);
        if (kind == Kind.TRANSFORM) {
            res.child().copyRange(r, 0, at, n);
        } else {
            for (int k = 0; k < n; k++) keep[p + k] = r.isValid(k) && r.bytes[k] != 0;
        }
    }

    private static Vector[] newColumns(List<LogicalType> inputs) {
        Vector[] columns = new Vector[inputs.size()];
        for (int c = 0; c < columns.length; c++) columns[c] = new Vector(inputs.get(c), DataChunk.CAPACITY);
        return columns;
    }

    /**
     * reduce: the accumulator starts as the initial value (args[1]) when there is one, else as the
     * first element; step k applies the body to (accumulator, element k) for every row whose list is
     * longer than k, all rows of a step evaluated together. Without an initial value an empty list
     * is an error; with one it reduces to that value.
     */
    private static void reduce(LambdaBody body, List<LogicalType> inputs, boolean withIndex, boolean withInitial,
                               Vector[] args, int count, Vector res) {
        Vector l = args[0];
        Vector child = l.child();
        int first = withInitial ? 2 : 1; // the first captured column
        int captured = args.length - first;
        int longest = 0;
        for (int i = 0; i < count; i++) {
            if (l.isNull(i)) continue;
            if (l.lengths[i] == 0 && !withInitial) throw new InvalidInputException("Cannot perform list_reduce on an empty input list");
            longest = Math.max(longest, l.lengths[i]);
        }
        for (int i = 0; i < count; i++) {
            if (l.isNull(i)) res.setNull(i);
            else if (withInitial) res.copyRow(args[1], i, i);
            else res.copyRow(child, l.offsets[i], i);
        }
        int[] rows = new int[DataChunk.CAPACITY];
        for (int k = withInitial ? 0 : 1; k < longest; k++) {
            int i = 0;
            while (i < count) {
                Vector[] columns = newColumns(inputs);
                int n = 0;
                for (; i < count && n < DataChunk.CAPACITY; i++) {
                    if (l.isNull(i) || l.lengths[i] <= k) continue;
                    int c = 0;
                    columns[c++].copyRow(res, i, n);
                    columns[c++].copyRow(child, l.offsets[i] + k, n);
                    if (withIndex) {
                        columns[c].setValid(n);
                        columns[c++].longs[n] = k + 1;
                    }
                    for (int j = 0; j < captured; j++) columns[c + j].copyRow(args[first + j], i, n);
                    rows[n++] = i;
                }
                if (n == 0) continue;
                Vector r = body.evaluate(columns, n);
                for (int j = 0; j < n; j++) res.copyRow(r, j, rows[j]);
            }
        }
    }
}
