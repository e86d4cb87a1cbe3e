package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealIOException;
import io.tealdb.function.TableFunction;
import io.tealdb.io.FileGlobs;
import io.tealdb.io.csv.CsvOptions;
import io.tealdb.io.csv.CsvReader;
import io.tealdb.io.csv.CsvSniffer;
import io.tealdb.parser.Parser;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code read_csv(files, ...)}, {@code read_csv_auto(...)} and {@code FROM 'file.csv'}: binds
 * DuckDB's options ({@link CsvArguments}), expands globs and file lists, sniffs the dialect, header
 * and types with {@link CsvSniffer} (unless auto_detect=false), then reads each file with
 * {@link CsvReader}. With union_by_name every file is sniffed and the columns are matched by name;
 * filename=true adds the file's name as a last column.
 */
final class CsvTableFunction implements TableFunction {
    private final List<FilePlan> files;
    private final List<String> names;
    private final List<LogicalType> types;
    private final int filenameColumn;

    /** How one file is read: its options, its own columns, and where each lands in the output (-1: dropped). */
    private record FilePlan(Path path, CsvOptions options, List<String> names, List<LogicalType> types, boolean[] autoDetected,
                            int[] target) {
    }

    private CsvTableFunction(List<FilePlan> files, List<String> names, List<LogicalType> types, int filenameColumn) {
        this.files = files;
        this.names = names;
        this.types = types;
        this.filenameColumn = filenameColumn;
    }

    static FunctionResolver.BoundTableFunction bind(String name, List<Value> args, List<String> namedNames, List<Value> named) {
        if (name.equals("glob")) return GlobTableFunction.bind(args);
        if (name.equals("sniff_csv")) return SniffCsvTableFunction.bind(args, namedNames, named);
        if (!name.equals("read_csv") && !name.equals("read_csv_auto")) return null;
        if (args.size() != 1 || args.get(0).isNull()) throw new BinderException(name + " requires a file name");
        List<String> paths = FileGlobs.expandArgument(name, args.get(0));
        CsvArguments a = CsvArguments.parse(namedNames, named);
        List<FilePlan> plans = new ArrayList<>();
        List<String> outNames;
        List<LogicalType> outTypes;
        if (a.unionByName && paths.size() > 1) {
            List<CsvSniffer.Result> results = new ArrayList<>();
            LinkedHashMap<String, LogicalType> union = new LinkedHashMap<>();
            for (String p : paths) {
                CsvSniffer.Result r = a.resolve(Path.of(p));
                results.add(r);
                for (int c = 0; c < r.names().size(); c++) {
                    union.merge(r.names().get(c), r.types().get(c), CsvTableFunction::widen);
                }
            }
            outNames = new ArrayList<>(union.keySet());
            outTypes = new ArrayList<>(union.values());
            for (int i = 0; i < paths.size(); i++) {
                CsvSniffer.Result r = results.get(i);
                int[] target = new int[r.names().size()];
                List<LogicalType> readTypes = new ArrayList<>();
                for (int c = 0; c < target.length; c++) {
                    target[c] = outNames.indexOf(r.names().get(c));
                    readTypes.add(outTypes.get(target[c]));
                }
                plans.add(new FilePlan(Path.of(paths.get(i)), r.options(), r.names(), readTypes, r.autoDetected(), target));
            }
        } else {
            CsvSniffer.Result r = a.resolve(Path.of(paths.get(0)));
            outNames = new ArrayList<>(r.names());
            outTypes = new ArrayList<>(r.types());
            // files_to_sniff: the types of further files (all for -1) widen the first file's, column by column
            int sniffed = a.filesToSniff < 0 ? paths.size() : (int) Math.min(a.filesToSniff, paths.size());
            for (int i = 1; i < sniffed; i++) {
                CsvSniffer.Result more = a.resolve(Path.of(paths.get(i)));
                for (int c = 0; c < Math.min(outTypes.size(), more.types().size()); c++) {
                    outTypes.set(c, widen(outTypes.get(c), more.types().get(c)));
                }
            }
            if (sniffed > 1) r = new CsvSniffer.Result(r.options(), r.names(), List.copyOf(outTypes), r.autoDetected());
            int[] target = new int[outNames.size()];
            for (int c = 0; c < target.length; c++) target[c] = c;
            for (String p : paths) plans.add(new FilePlan(Path.of(p), r.options(), r.names(), r.types(), r.autoDetected(), target));
        }
        int filenameColumn = -1;
        if (a.filename) {
            if (outNames.stream().anyMatch("filename"::equalsIgnoreCase)) {
                throw new io.tealdb.error.BinderException("Option filename adds column \"filename\", but a column with this name is also in the file."
                        + " Try setting a different name: filename='<filename column name>'");
            }
            filenameColumn = outNames.size();
            outNames.add("filename");
            outTypes.add(LogicalType.VARCHAR);
        }
        return new FunctionResolver.BoundTableFunction(new CsvTableFunction(plans, List.copyOf(outNames), List.copyOf(outTypes), filenameColumn),
                List.copyOf(outNames), List.copyOf(outTypes));
    }

    /** The type two files' columns of the same name read as: equal types stay, numbers widen, otherwise VARCHAR. */
    private static LogicalType widen(LogicalType a, LogicalType b) {
        if (a.equals(b)) return a;
        if (a.id().isNumeric() && b.id().isNumeric()) {
            if (a.id().isInteger() && b.id().isInteger()) return a.id().ordinal() >= b.id().ordinal() ? a : b;
            return LogicalType.DOUBLE;
        }
        // BIGNUM holds any integer; with a non-integer number it reads as DOUBLE
        if (a.id() == TypeId.BIGNUM || b.id() == TypeId.BIGNUM) {
            TypeId other = a.id() == TypeId.BIGNUM ? b.id() : a.id();
            if (other.isInteger()) return LogicalType.BIGNUM;
            if (other.isNumeric()) return LogicalType.DOUBLE;
        }
        if (a.id() == TypeId.DATE && b.id() == TypeId.TIMESTAMP || a.id() == TypeId.TIMESTAMP && b.id() == TypeId.DATE) return LogicalType.TIMESTAMP;
        return LogicalType.VARCHAR;
    }


    @Override
    public String describe() {
        return "read_csv('" + files.get(0).path() + "')";
    }

    @Override
    public long estimatedRows() {
        long bytes = 0;
        try {
            for (FilePlan f : files) bytes += Files.size(f.path());
        } catch (IOException e) {
            return -1;
        }
        return Math.max(1, bytes / 32);
    }

    @Override
    public Scan open() {
        return new Scan() {
            int file = -1;
            CsvReader reader;
            DataChunk fileChunk;
            boolean direct;

            @Override
            public boolean next(DataChunk out) {
                while (true) {
                    if (reader == null) {
                        if (++file >= files.size()) return false;
                        FilePlan p = files.get(file);
                        reader = new CsvReader(p.path(), p.names(), p.types(), p.autoDetected(), p.options());
                        direct = filenameColumn < 0 && p.types().size() == types.size() && isIdentity(p.target());
                        fileChunk = direct ? null : new DataChunk(p.types());
                    }
                    boolean got;
                    if (direct) {
                        got = reader.next(out);
                    } else {
                        got = reader.next(fileChunk);
                        if (got) project(files.get(file), fileChunk, out);
                    }
                    if (got) return true;
                    reader.close();
                    reader = null;
                }
            }
        };
    }

    private static boolean isIdentity(int[] target) {
        for (int i = 0; i < target.length; i++) if (target[i] != i) return false;
        return true;
    }

    private void project(FilePlan p, DataChunk in, DataChunk out) {
        out.reset();
        int n = in.size();
        boolean[] filled = new boolean[types.size()];
        for (int c = 0; c < p.target().length; c++) {
            int t = p.target()[c];
            if (t < 0) continue;
            out.column(t).copyFrom(in.column(c), null, 0, n, 0);
            filled[t] = true;
        }
        for (int t = 0; t < types.size(); t++) {
            if (filled[t]) continue;
            Vector v = out.column(t);
            if (t == filenameColumn) {
                String name = p.path().toString();
                for (int r = 0; r < n; r++) v.setString(r, name);
            } else {
                for (int r = 0; r < n; r++) v.setNull(r);
            }
        }
        out.setSize(n);
    }
}
