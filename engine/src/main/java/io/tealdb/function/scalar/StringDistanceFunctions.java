package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.FunctionRegistry;

import java.util.List;

import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.LogicalType.*;

/**
 * Edit/similarity distances between strings, computed on UTF-8 bytes as DuckDB does:
 * levenshtein (editdist3), damerau_levenshtein, hamming (mismatches), jaccard.
 */
public final class StringDistanceFunctions {
    private StringDistanceFunctions() {
    }

    public static void register(FunctionRegistry r) {
        for (String n : List.of("levenshtein", "editdist3")) {
            reg(r, n, List.of(VARCHAR, VARCHAR), BIGINT, rows((a, i, res) ->
                    res.longs[i] = levenshtein(a[0].heap, a[0].offsets[i], a[0].lengths[i], a[1].heap, a[1].offsets[i], a[1].lengths[i])));
        }
        reg(r, "damerau_levenshtein", List.of(VARCHAR, VARCHAR), BIGINT, rows((a, i, res) ->
                res.longs[i] = damerauLevenshtein(a[0].getBytes(i), a[1].getBytes(i))));
        for (String n : List.of("hamming", "mismatches")) {
            reg(r, n, List.of(VARCHAR, VARCHAR), BIGINT, rows((a, i, res) -> {
                int la = a[0].lengths[i];
                int lb = a[1].lengths[i];
                if (la == 0 || lb == 0) throw new InvalidInputException("Mismatch Function: Strings must be of length > 0!");
                if (la != lb) throw new InvalidInputException("Mismatch Function: Strings must be of equal length!");
                byte[] ha = a[0].heap;
                byte[] hb = a[1].heap;
                int oa = a[0].offsets[i];
                int ob = a[1].offsets[i];
                long d = 0;
                for (int k = 0; k < la; k++) if (ha[oa + k] != hb[ob + k]) d++;
                res.longs[i] = d;
            }));
        }
        reg(r, "jaccard", List.of(VARCHAR, VARCHAR), DOUBLE, rows((a, i, res) -> {
            if (a[0].lengths[i] == 0 || a[1].lengths[i] == 0) {
                throw new InvalidInputException("Jaccard Function: An argument too short!");
            }
            long[] sa = byteSet(a[0].heap, a[0].offsets[i], a[0].lengths[i]);
            long[] sb = byteSet(a[1].heap, a[1].offsets[i], a[1].lengths[i]);
            int inter = 0;
            int union = 0;
            for (int w = 0; w < 4; w++) {
                inter += Long.bitCount(sa[w] & sb[w]);
                union += Long.bitCount(sa[w] | sb[w]);
            }
            res.doubles[i] = (double) inter / union;
        }));
    }

    private static long[] byteSet(byte[] b, int off, int len) {
        long[] set = new long[4];
        for (int k = 0; k < len; k++) {
            int x = b[off + k] & 0xFF;
            set[x >>> 6] |= 1L << (x & 63);
        }
        return set;
    }

    static long levenshtein(byte[] a, int oa, int la, byte[] b, int ob, int lb) {
        if (la == 0) return lb;
        if (lb == 0) return la;
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) prev[j] = j;
        long cells = 0;
        for (int i = 1; i <= la; i++) {
            cells = lookForCancel(cells, lb);
            cur[0] = i;
            byte ca = a[oa + i - 1];
            for (int j = 1; j <= lb; j++) {
                int cost = ca == b[ob + j - 1] ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb];
    }

    /**
     * Counts the {@code rowCells} cells of the next matrix row and looks for the statement's cancel
     * once every 4M cells: two 100,000-byte strings are 10^10 cells, many seconds inside one call.
     */
    private static long lookForCancel(long cells, int rowCells) {
        cells += rowCells;
        if (cells < (1 << 22)) return cells;
        io.tealdb.memory.StatementGuard.check();
        return 0;
    }

    /** True Damerau-Levenshtein distance (unrestricted transpositions), Lowrance-Wagner algorithm. */
    static long damerauLevenshtein(byte[] s, byte[] t) {
        int n = s.length;
        int m = t.length;
        if (n == 0) return m;
        if (m == 0) return n;
        int inf = n + m;
        // the whole (n+2) x (m+2) matrix is kept (a transposition reaches back to any earlier row):
        // two 100,000-byte strings need 40 GB, refused as the statement's Out of Memory Error
        io.tealdb.memory.StatementGuard.admit(4L * (n + 2) * (m + 2), "damerau_levenshtein of strings of " + n + " and " + m + " bytes");
        int[][] d = new int[n + 2][m + 2];
        d[0][0] = inf;
        for (int i = 0; i <= n; i++) {
            d[i + 1][0] = inf;
            d[i + 1][1] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j + 1] = inf;
            d[1][j + 1] = j;
        }
        int[] lastRow = new int[256];
        long cells = 0;
        for (int i = 1; i <= n; i++) {
            cells = lookForCancel(cells, m);
            int lastMatchCol = 0;
            for (int j = 1; j <= m; j++) {
                int i1 = lastRow[t[j - 1] & 0xFF];
                int j1 = lastMatchCol;
                int cost = 1;
                if (s[i - 1] == t[j - 1]) {
                    cost = 0;
                    lastMatchCol = j;
                }
                d[i + 1][j + 1] = Math.min(Math.min(d[i][j] + cost, d[i + 1][j] + 1),
                        Math.min(d[i][j + 1] + 1, d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1)));
            }
            lastRow[s[i - 1] & 0xFF] = i;
        }
        return d[n + 1][m + 1];
    }
}
