package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.tealdb.types.LogicalType.BOOLEAN;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * DuckDB's path functions over file names (the {@code filename} column of a file scan):
 * {@code parse_path(p [, sep])} the components ({@code /a/b.csv} → {@code [/, a, b.csv]}),
 * {@code parse_dirname} the top-level directory, {@code parse_dirpath} everything before the last
 * separator, {@code parse_filename(p [, trim_extension] [, sep])} the last component. The separator
 * is {@code 'both_slash'} (the default: / and \), {@code 'system'} (the platform's),
 * {@code 'forward_slash'} or {@code 'backslash'}.
 */
final class PathFunctions {
    private PathFunctions() {
    }

    private interface PathOp {
        /** Writes row {@code i}'s result for {@code path} (split with {@code seps}) into {@code out}. */
        void apply(String path, String seps, boolean trimExtension, Vector out, int i);
    }

    static void register(FunctionRegistry r) {
        LogicalType list = LogicalType.list(VARCHAR);
        reg(r, "parse_path", list, PathFunctions::parsePath);
        reg(r, "parse_dirname", VARCHAR, (p, seps, trim, out, i) -> {
            List<String> parts = components(p, seps);
            // the top-level directory: the first component unless the path is a bare file name
            out.setString(i, parts.size() <= 1 ? "" : parts.get(0));
        });
        reg(r, "parse_dirpath", VARCHAR, (p, seps, trim, out, i) -> {
            int last = lastSeparator(p, seps);
            out.setString(i, last <= 0 ? "" : p.substring(0, last));
        });
        PathOp filename = (p, seps, trim, out, i) -> {
            String name = p.substring(lastSeparator(p, seps) + 1);
            if (trim) {
                int dot = name.lastIndexOf('.');
                if (dot >= 0) name = name.substring(0, dot);
            }
            out.setString(i, name);
        };
        reg(r, "parse_filename", VARCHAR, filename);
        Kernels.reg(r, "parse_filename", List.of(VARCHAR, BOOLEAN), VARCHAR, kernel(filename, false, true));
        Kernels.reg(r, "parse_filename", List.of(VARCHAR, BOOLEAN, VARCHAR), VARCHAR, kernel(filename, true, true));
    }

    /** name(path) and name(path, separator). */
    private static void reg(FunctionRegistry r, String name, LogicalType ret, PathOp op) {
        Kernels.reg(r, name, List.of(VARCHAR), ret, kernel(op, false, false));
        Kernels.reg(r, name, List.of(VARCHAR, VARCHAR), ret, kernel(op, true, false));
    }

    /** The kernel: argument 1 is trim_extension when {@code trimArg}, the separator is the last argument when {@code sepArg}. */
    private static ScalarKernel kernel(PathOp op, boolean sepArg, boolean trimArg) {
        return (args, count, res) -> {
            Vector sepVec = sepArg ? args[args.length - 1] : null;
            String cachedName = null, cachedSeps = "/\\";
            for (int i = 0; i < count; i++) {
                if (args[0].isNull(i) || trimArg && args[1].isNull(i) || sepVec != null && sepVec.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                String seps = "/\\";
                if (sepVec != null) {
                    String s = sepVec.getString(i);
                    if (!s.equals(cachedName)) {
                        cachedSeps = separators(s);
                        cachedName = s;
                    }
                    seps = cachedSeps;
                }
                op.apply(args[0].getString(i), seps, trimArg && args[1].bytes[i] != 0, res, i);
            }
        };
    }

    private static String separators(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "both_slash", "default" -> "/\\";
            case "system" -> java.io.File.separator;
            case "forward_slash" -> "/";
            case "backslash" -> "\\";
            default -> throw new InvalidInputException("Invalid separator option \"" + option
                    + "\": expected 'system', 'both_slash', 'forward_slash' or 'backslash'");
        };
    }

    private static int lastSeparator(String p, String seps) {
        for (int k = p.length() - 1; k >= 0; k--) if (seps.indexOf(p.charAt(k)) >= 0) return k;
        return -1;
    }

    /** The non-empty components; a leading separator is a component of its own (the root). */
    private static List<String> components(String p, String seps) {
        List<String> out = new ArrayList<>();
        int start = 0;
        if (!p.isEmpty() && seps.indexOf(p.charAt(0)) >= 0) {
            out.add(p.substring(0, 1));
            start = 1;
        }
        for (int k = start; k <= p.length(); k++) {
            if (k == p.length() || seps.indexOf(p.charAt(k)) >= 0) {
                if (k > start) out.add(p.substring(start, k));
                start = k + 1;
            }
        }
        return out;
    }

    private static void parsePath(String p, String seps, boolean trim, Vector res, int i) {
        List<String> parts = components(p, seps);
        Vector child = res.child();
        int at = res.startList(i, parts.size());
        for (String s : parts) {
            child.setValid(at);
            child.setString(at++, s);
        }
    }
}
