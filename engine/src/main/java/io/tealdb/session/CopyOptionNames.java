package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealException;

import java.util.List;
import java.util.Locale;

/**
 * The error for a COPY option a writer does not take: an option DuckDB knows but TealDB does not
 * implement yet is Not Implemented; any other name is a Binder Error that suggests the closest
 * known option ({@code partition_b} → {@code partition_by}), as DuckDB does.
 */
final class CopyOptionNames {
    private CopyOptionNames() {
    }

    /** COPY options of DuckDB's writers and readers (CSV, Parquet, JSON, generic). */
    private static final List<String> KNOWN = io.tealdb.parser.CopyOptionWords.KNOWN;

    static TealException unsupported(String option, String format, int pos) {
        String lower = option.toLowerCase(Locale.ROOT);
        String where = format == null ? "" : " for " + format;
        if (KNOWN.contains(lower)) return new NotImplementedException("COPY option " + option + " is not supported yet" + where, pos);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KNOWN) {
            int d = distance(lower, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        String hint = best != null && bestDistance <= Math.max(2, lower.length() / 3) ? "\nDid you mean \"" + best + "\"?" : "";
        return new BinderException("Unrecognized option" + where + ": \"" + option + "\"" + hint, pos);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
