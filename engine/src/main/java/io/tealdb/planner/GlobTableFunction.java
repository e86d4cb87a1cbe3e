package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.function.TableFunction;
import io.tealdb.io.FileGlobs;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** {@code glob(pattern)}: the files matching a pattern, one per row in column {@code file}. */
final class GlobTableFunction implements TableFunction {
    private final List<String> files;

    private GlobTableFunction(List<String> files) {
        this.files = files;
    }

    static FunctionResolver.BoundTableFunction bind(List<Value> args) {
        if (args.size() != 1 || args.get(0).isNull()) throw new BinderException("glob requires a pattern");
        List<String> files = FileGlobs.hasWildcard(String.valueOf(args.get(0).object()))
                ? FileGlobs.expand(String.valueOf(args.get(0).object()))
                : java.nio.file.Files.exists(java.nio.file.Path.of(String.valueOf(args.get(0).object())))
                ? List.of(String.valueOf(args.get(0).object())) : List.of();
        return new FunctionResolver.BoundTableFunction(new GlobTableFunction(files), List.of("file"), List.of(LogicalType.VARCHAR));
    }

    @Override
    public String describe() {
        return "glob()";
    }

    @Override
    public long estimatedRows() {
        return files.size();
    }

    @Override
    public Scan open() {
        return new Scan() {
            int next;

            @Override
            public boolean next(DataChunk out) {
                int n = 0;
                while (next < files.size() && n < DataChunk.CAPACITY) out.column(0).setString(n++, files.get(next++));
                out.setSize(n);
                return n > 0;
            }
        };
    }
}
