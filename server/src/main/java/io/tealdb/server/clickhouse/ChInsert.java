package io.tealdb.server.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tealdb.error.TealException;
import io.tealdb.function.cast.Casts;
import io.tealdb.session.TableAppender;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code INSERT INTO t [(cols)] FORMAT x} + data: decodes the data in the given format into vectors
 * of at most 2048 rows, casts them to the table's column types with the engine's vector casts,
 * fills columns the insert does not name (and keys a JSON row omits) with their defaults, and
 * appends through the table appender. The caller runs it in one transaction, so a bad row anywhere
 * inserts nothing.
 */
final class ChInsert {
    private static final JsonFactory JSON = new JsonFactory();
    private final TableAppender appender;
    private final List<LogicalType> tableTypes;
    /** For each insert column, its index in the table. */
    private final int[] target;
    private final List<String> names;
    /** The ClickHouse types of the insert columns as the table declares them (RowBinary has no types). */
    private final List<ChType> declared;
    private long rows;
    private long bytes;
    /** Non-null for a table with an ORDER BY key: rows go to the appender in sorted blocks. */
    private final SortedBlocks sorted;

    /**
     * Constant 2048-row default values of the table's columns (null entries: NULL), for the columns the
     * insert does not name and for the rows of a JSON object format that omit a key.
     */
    private final Vector[] defaults;
    /** Per insert column, the rows of the current chunk that take the column's default (JSON rows omitting it), or null. */
    private boolean[][] useDefault;

    /** {@code sortKey}: the table's key columns (indexes in the table), or null; {@code defaults}: see {@link #defaults}. */
    ChInsert(TableAppender appender, List<String> names, int[] target, List<ChType> declared, int[] sortKey, Vector[] defaults) {
        this.defaults = defaults;
        this.appender = appender;
        this.sorted = sortKey == null ? null : new SortedBlocks(appender, appender.types(), sortKey);
        this.tableTypes = appender.types();
        this.names = names;
        this.target = target;
        this.declared = declared;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    /** Takes the finished chunks to the table (on a second thread while the request is decoded). */
    private ChunkPipeline pipeline;

    void run(String format, InputStream data) {
        String f = ResultWriter.canonical(format);
        try (ChunkPipeline p = sorted != null ? new ChunkPipeline(sorted::add, sorted::flush) : new ChunkPipeline(appender::append, () -> { })) {
            pipeline = p;
            decode(f, format, data);
            p.finish();
        }
    }

    private void decode(String f, String format, InputStream data) {
        switch (f) {
            case "Native" -> native_(new ByteSource(data));
            case "RowBinary", "RowBinaryWithNames", "RowBinaryWithNamesAndTypes", "RowBinaryWithDefaults" -> rowBinary(new ByteSource(data), f);
            case "TabSeparated", "TabSeparatedRaw", "TabSeparatedWithNames", "TabSeparatedWithNamesAndTypes", "CSV", "CSVWithNames",
                 "CSVWithNamesAndTypes", "TSKV" -> text(data, f);
            case "JSONEachRow", "JSONCompactEachRow", "JSONCompactEachRowWithNames", "JSONCompactEachRowWithNamesAndTypes",
                 "JSONStringsEachRow", "JSONCompactStringsEachRow", "JSONLines", "NDJSON", "JSONCompact", "JSON" -> json(data, f);
            default -> throw ChException.unknownFormat(format);
        }
    }

    // ------------------------------------------------------------------ Native

    /**
     * Native blocks are column after column, each column's n values in one run. A column whose values
     * are encoded one after another (scalars, strings, Nullable of them) is decoded straight into
     * 2048-row vectors, one per chunk; other encodings (LowCardinality's dictionary, Array offsets) span
     * the whole block, so such a column is decoded whole and then split.
     */
    private void native_(ByteSource in) {
        while (!in.atEnd()) {
            int cols = in.length(10_000);
            int n = in.length(1 << 30);
            if (cols != target.length) {
                throw new ChException(10, "NOT_FOUND_COLUMN_IN_BLOCK", "Native block has " + cols + " columns, the insert names " + target.length);
            }
            int chunks = (n + DataChunk.CAPACITY - 1) / DataChunk.CAPACITY;
            Vector[][] parts = new Vector[chunks][cols];
            for (int c = 0; c < cols; c++) {
                String name = in.str();
                ChType t = ChType.parse(in.str());
                int k = indexOf(name, c);
                if (n == 0) continue;
                BinaryReader.prefix(in, t);
                if (chunks == 1 || !BinaryReader.rowContiguous(t)) {
                    Vector whole = new Vector(t.logical(), Math.max(1, n));
                    BinaryReader.column(in, t, whole, 0, n);
                    for (int j = 0; j < chunks; j++) {
                        int off = j * DataChunk.CAPACITY, m = Math.min(DataChunk.CAPACITY, n - off);
                        if (chunks == 1) {
                            parts[j][k] = whole;
                        } else {
                            Vector p = new Vector(whole.type, m);
                            p.copyRange(whole, off, 0, m);
                            parts[j][k] = p;
                        }
                    }
                } else {
                    // a Nullable column's null map covers the block and precedes the values
                    byte[] nullMap = null;
                    if (t instanceof ChType.Nullable nu) {
                        nullMap = new byte[n];
                        in.read(nullMap, 0, n);
                        t = nu.inner();
                    }
                    for (int j = 0; j < chunks; j++) {
                        int off = j * DataChunk.CAPACITY, m = Math.min(DataChunk.CAPACITY, n - off);
                        Vector p = new Vector(t.logical(), m);
                        BinaryReader.column(in, t, p, 0, m);
                        if (nullMap != null) {
                            for (int i = 0; i < m; i++) if (nullMap[off + i] != 0) p.setNull(i);
                        }
                        parts[j][k] = p;
                    }
                }
            }
            for (int j = 0; j < chunks; j++) append(parts[j], Math.min(DataChunk.CAPACITY, n - j * DataChunk.CAPACITY));
        }
        bytes = in.bytesRead();
    }

    private int indexOf(String name, int position) {
        for (int k = 0; k < names.size(); k++) if (names.get(k).equals(name)) return k;
        for (int k = 0; k < names.size(); k++) if (names.get(k).equalsIgnoreCase(name)) return k;
        return position;
    }

    // ------------------------------------------------------------------ RowBinary

    private void rowBinary(ByteSource in, String f) {
        List<ChType> types = declared;
        int[] order = identity(target.length);
        if (f.startsWith("RowBinaryWithNames")) {
            int cols = in.length(10_000);
            if (cols != target.length) throw ChException.badData("RowBinary header has " + cols + " columns, the insert names " + target.length);
            order = new int[cols];
            for (int c = 0; c < cols; c++) order[c] = indexOf(in.str(), c);
            if (f.endsWith("AndTypes")) {
                List<ChType> given = new ArrayList<>();
                for (int c = 0; c < cols; c++) given.add(ChType.parse(in.str()));
                List<ChType> reordered = new ArrayList<>(declared);
                for (int c = 0; c < cols; c++) reordered.set(order[c], given.get(c));
                types = reordered;
            }
        }
        boolean defaults = f.equals("RowBinaryWithDefaults");
        Vector[] vs = newVectors(types);
        int r = 0;
        while (!in.atEnd()) {
            for (int c = 0; c < order.length; c++) {
                int k = order[c];
                if (defaults && in.u8() == 1) {
                    vs[k].setNull(r);
                    continue;
                }
                BinaryReader.value(in, types.get(k), vs[k], r);
            }
            if (++r == DataChunk.CAPACITY) {
                append(vs, r);
                vs = newVectors(types);
                r = 0;
            }
        }
        if (r > 0) append(vs, r);
        bytes = in.bytesRead();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static Vector[] newVectors(List<ChType> types) {
        Vector[] vs = new Vector[types.size()];
        for (int c = 0; c < vs.length; c++) vs[c] = new Vector(types.get(c).logical());
        return vs;
    }

    // ------------------------------------------------------------------ text (TSV, CSV, TSKV)

    private void text(InputStream data, String f) {
        boolean csv = f.startsWith("CSV");
        boolean tskv = f.equals("TSKV");
        boolean raw = f.startsWith("TabSeparatedRaw");
        int skipLines = f.endsWith("WithNamesAndTypes") ? 2 : f.endsWith("WithNames") ? 1 : 0;
        CountingStream counting = new CountingStream(data);
        BufferedReader reader = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
        int[] order = identity(target.length);
        TextFields fields = new TextFields();
        try {
            if (skipLines > 0) {
                String header = reader.readLine();
                if (header != null) {
                    List<String> h = csv ? fields.csv(header, reader) : fields.tsv(header, raw);
                    if (h.size() == target.length) {
                        for (int c = 0; c < h.size(); c++) order[c] = indexOf(h.get(c), c);
                    }
                }
                if (skipLines == 2) reader.readLine();
            }
            Vector[] vs = varchars();
            int r = 0;
            long line = skipLines;
            String s;
            while ((s = reader.readLine()) != null) {
                line++;
                if (s.isEmpty() && !csv) continue;
                if (csv && s.isBlank()) continue;
                List<String> values;
                if (tskv) {
                    values = new ArrayList<>(java.util.Collections.nCopies(target.length, (String) null));
                    for (String kv : fields.tsv(s, false)) {
                        int eq = kv.indexOf('=');
                        if (eq < 0) continue;
                        int k = -1;
                        for (int j = 0; j < names.size(); j++) if (names.get(j).equals(kv.substring(0, eq))) k = j;
                        if (k >= 0) values.set(k, kv.substring(eq + 1));
                    }
                } else {
                    values = csv ? fields.csv(s, reader) : fields.tsv(s, raw);
                }
                if (!tskv && values.size() != target.length) {
                    throw new ChException(27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED", "Row " + line + " has " + values.size()
                            + " fields, expected " + target.length);
                }
                if (useDefault == null) useDefault = new boolean[target.length][DataChunk.CAPACITY];
                for (int c = 0; c < values.size(); c++) {
                    String v = values.get(c);
                    int k = tskv ? c : order[c];
                    // \N for a column that is not Nullable (and a key TSKV omits) takes the column's default
                    useDefault[k][r] = v == null && (tskv || !isNullable(declared.get(k)));
                    if (v == null) vs[k].setNull(r);
                    else vs[k].setString(r, v);
                }
                if (++r == DataChunk.CAPACITY) {
                    appendText(vs, r, line);
                    vs = varchars();
                    r = 0;
                }
            }
            if (r > 0) appendText(vs, r, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes = counting.count;
    }

    private Vector[] varchars() {
        Vector[] vs = new Vector[target.length];
        for (int c = 0; c < vs.length; c++) vs[c] = new Vector(LogicalType.VARCHAR);
        return vs;
    }

    private void appendText(Vector[] vs, int n, long line) {
        try {
            append(vs, n);
        } catch (ChException e) {
            throw new ChException(e.code(), e.errorName(), e.getMessage() + " (in the rows ending at line " + line + ")");
        }
    }

    // ------------------------------------------------------------------ JSON

    private void json(InputStream data, String f) {
        CountingStream counting = new CountingStream(data);
        boolean compact = f.startsWith("JSONCompact") && !f.equals("JSONCompact");
        int headerLines = f.endsWith("WithNamesAndTypes") ? 2 : f.endsWith("WithNames") ? 1 : 0;
        try (JsonParser p = JSON.createParser(counting)) {
            Vector[] vs = varchars();
            int[] order = identity(target.length);
            int r = 0;
            JsonToken t;
            boolean wrapped = f.equals("JSON") || f.equals("JSONCompact");
            if (wrapped) {
                // {"meta":…, "data":[…]}: skip to the data array
                if (p.nextToken() != JsonToken.START_OBJECT) throw ChException.badData("Expected a JSON object");
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    if (p.currentName().equals("data")) {
                        p.nextToken();
                        break;
                    }
                    p.nextToken();
                    p.skipChildren();
                }
                compact = f.equals("JSONCompact");
            }
            while ((t = p.nextToken()) != null) {
                if (wrapped && t == JsonToken.END_ARRAY) break;
                if (compact) {
                    if (t != JsonToken.START_ARRAY) throw ChException.badData("Expected a JSON array per row, got " + t);
                    List<String> values = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) values.add(jsonText(p));
                    if (headerLines > 0) {
                        if (headerLines == 2 || f.endsWith("WithNames")) {
                            if (values.size() == target.length && headerLines == (f.endsWith("WithNamesAndTypes") ? 2 : 1)) {
                                for (int c = 0; c < values.size(); c++) order[c] = indexOf(values.get(c), c);
                            }
                        }
                        headerLines--;
                        continue;
                    }
                    if (values.size() != target.length) {
                        throw ChException.badData("JSON row has " + values.size() + " values, expected " + target.length);
                    }
                    for (int c = 0; c < values.size(); c++) {
                        String v = values.get(c);
                        if (v == null) vs[order[c]].setNull(r);
                        else vs[order[c]].setString(r, v);
                    }
                } else {
                    if (t != JsonToken.START_OBJECT) throw ChException.badData("Expected a JSON object per row, got " + t);
                    // a key the row omits takes the column's default (input_format_defaults_for_omitted_fields),
                    // so does a null for a column that is not Nullable (input_format_null_as_default)
                    if (useDefault == null) useDefault = new boolean[target.length][DataChunk.CAPACITY];
                    for (int c = 0; c < target.length; c++) {
                        vs[c].setNull(r);
                        useDefault[c][r] = true;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        int k = -1;
                        for (int j = 0; j < names.size(); j++) if (names.get(j).equals(name)) k = j;
                        String v = jsonText(p);
                        if (k < 0) continue;
                        if (v == null) {
                            vs[k].setNull(r);
                            useDefault[k][r] = !isNullable(declared.get(k));
                        } else {
                            vs[k].setValid(r);
                            vs[k].setString(r, v);
                            useDefault[k][r] = false;
                        }
                    }
                }
                if (++r == DataChunk.CAPACITY) {
                    append(vs, r);
                    vs = varchars();
                    r = 0;
                }
            }
            if (r > 0) append(vs, r);
        } catch (IOException e) {
            throw ChException.badData("Cannot parse JSON input: " + e.getMessage());
        }
        bytes = counting.count;
    }

    /** A JSON value as the text a VARCHAR cast parses: arrays/objects as literals, null as null. */
    private static String jsonText(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_STRING -> p.getText(); // JavaScript dates are read by TextValues
            case START_ARRAY, START_OBJECT -> {
                StringBuilder sb = new StringBuilder();
                literal(p, sb);
                yield sb.toString();
            }
            default -> p.getText();
        };
    }

    private static void literal(JsonParser p, StringBuilder sb) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_ARRAY -> {
                sb.append('[');
                boolean first = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) sb.append(", ");
                    first = false;
                    literal(p, sb);
                }
                sb.append(']');
            }
            case START_OBJECT -> {
                sb.append('{');
                boolean first = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    if (!first) sb.append(", ");
                    first = false;
                    sb.append('\'').append(p.currentName().replace("'", "''")).append("': ");
                    p.nextToken();
                    literal(p, sb);
                }
                sb.append('}');
            }
            case VALUE_STRING -> sb.append('\'').append(p.getText().replace("'", "''")).append('\'');
            case VALUE_NULL -> sb.append("NULL");
            default -> sb.append(p.getText());
        }
    }

    // ------------------------------------------------------------------ append

    /** Casts the insert's vectors to the table's types, fills the other columns with their defaults, appends. */
    private void append(Vector[] vs, int n) {
        Vector[] cols = new Vector[tableTypes.size()];
        for (int k = 0; k < vs.length; k++) {
            LogicalType want = tableTypes.get(target[k]);
            Vector v = vs[k];
            ChType decl = declared == null || k >= declared.size() ? null : declared.get(k);
            boolean text = v.type.id() == io.tealdb.types.TypeId.VARCHAR;
            boolean[] local = text ? TextValues.prepareTimes(v, n, want, decl) : null;
            if (!v.type.equals(want)) {
                Vector out = new Vector(want, Math.max(n, 1));
                try {
                    Casts.kernel(v.type, want, false).execute(new Vector[]{v}, n, out);
                } catch (TealException e) {
                    throw new ChException(6, "CANNOT_PARSE_TEXT", "Cannot convert column " + names.get(k) + ": " + e.getMessage(), e);
                }
                if (v.validity != null) {
                    for (int r = 0; r < n; r++) if (v.isNull(r)) out.setNull(r);
                }
                if (local != null) TextValues.shiftLocalToUtc(out, n, local, decl);
                if (text) out = TextValues.padFixedStrings(out, n, decl, names.get(k));
                v = out;
            }
            if (useDefault != null) v = withDefaults(v, n, useDefault[k], defaults == null ? null : defaults[target[k]]);
            cols[target[k]] = v;
        }
        for (int c = 0; c < cols.length; c++) {
            if (cols[c] == null && defaults != null && defaults[c] != null) {
                cols[c] = defaults[c];
            } else if (cols[c] == null) {
                Vector nulls = new Vector(tableTypes.get(c), Math.max(n, 1));
                for (int r = 0; r < n; r++) nulls.setNull(r);
                cols[c] = nulls;
            }
        }
        pipeline.add(new DataChunk(cols, n));
        rows += n;
    }

    private static boolean isNullable(ChType t) {
        return t instanceof ChType.Nullable || t instanceof ChType.LowCardinality l && l.inner() instanceof ChType.Nullable;
    }

    /** {@code v} with the rows marked in {@code use} set to the default {@code def} (row 0 of it; null: NULL). */
    private static Vector withDefaults(Vector v, int n, boolean[] use, Vector def) {
        boolean any = false;
        for (int r = 0; r < n && !any; r++) any = use[r];
        if (!any) return v;
        // v is this chunk's own vector (decoded or cast for it), so it is changed in place
        for (int r = 0; r < n; r++) {
            if (!use[r]) continue;
            if (def == null) v.setNull(r);
            else v.copyRange(def, 0, r, 1);
        }
        return v;
    }

    /** Counts the bytes of the data read (for the summary's written_bytes). */
    static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
