package io.tealdb.server.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON output family (Jackson's generator): JSON and JSONCompact (one object with meta, data,
 * rows, statistics), JSONEachRow / JSONCompactEachRow (+WithNames/WithNamesAndTypes) one line per
 * row, and the Strings variants that render every value as its text. 64-bit and wider integers are
 * quoted unless {@code output_format_json_quote_64bit_integers=0}, as ClickHouse does.
 */
final class JsonResultWriter extends ResultWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final String format;
    private final boolean compact;
    private final boolean strings;
    private final boolean eachRow;
    private final boolean quote64;
    private final JsonGenerator g;
    private long rows;

    JsonResultWriter(ByteSink out, String format, ChSettings settings) {
        super(out);
        this.format = format;
        this.compact = format.startsWith("JSONCompact");
        this.strings = format.contains("Strings");
        this.eachRow = format.contains("EachRow") || format.equals("JSONLines") || format.equals("NDJSON");
        this.quote64 = settings.flag("output_format_json_quote_64bit_integers", true);
        try {
            this.g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
    }

    @Override
    String format() {
        return format;
    }

    @Override
    String contentType() {
        return eachRow ? "application/x-ndjson; charset=UTF-8" : "application/json; charset=UTF-8";
    }

    private void nl() throws IOException {
        g.flush();
        out.u8('\n');
    }

    @Override
    void begin(List<String> names, List<LogicalType> types, List<ChType> declared) {
        super.begin(names, types, declared);
        try {
            if (eachRow) {
                if (format.endsWith("WithNames") || format.endsWith("WithNamesAndTypes")) {
                    g.writeStartArray();
                    for (String n : names) g.writeString(n);
                    g.writeEndArray();
                    nl();
                }
                if (format.endsWith("WithNamesAndTypes")) {
                    g.writeStartArray();
                    for (ChType t : declared) g.writeString(t.name());
                    g.writeEndArray();
                    nl();
                }
                return;
            }
            g.writeStartObject();
            g.writeArrayFieldStart("meta");
            for (int i = 0; i < names.size(); i++) {
                g.writeStartObject();
                g.writeStringField("name", names.get(i));
                g.writeStringField("type", declared.get(i).name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void chunk(DataChunk chunk) {
        try {
            int cols = names.size();
            for (int r = 0; r < chunk.size(); r++) {
                rows++;
                if (compact) g.writeStartArray();
                else g.writeStartObject();
                for (int c = 0; c < cols; c++) {
                    if (!compact) g.writeFieldName(names.get(c));
                    value(chunk.column(c), r, declared == null || c >= declared.size() ? null : declared.get(c));
                }
                if (compact) g.writeEndArray();
                else g.writeEndObject();
                if (eachRow) nl();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One value; {@code decl} is the declared ClickHouse type of a top-level column (null inside containers). */
    private void value(Vector v, int r, ChType decl) throws IOException {
        if (v.isNull(r)) {
            g.writeNull();
            return;
        }
        LogicalType t = v.type;
        if (strings) {
            StringBuilder sb = new StringBuilder();
            ChText.append(sb, v, r, decl);
            g.writeString(sb.toString());
            return;
        }
        switch (t.id()) {
            case BOOLEAN -> g.writeBoolean(v.bytes[r] != 0);
            case TINYINT -> g.writeNumber(v.bytes[r]);
            case SMALLINT -> g.writeNumber(v.shorts[r]);
            case UTINYINT -> g.writeNumber(v.shorts[r]);
            case INTEGER -> g.writeNumber(v.ints[r]);
            case USMALLINT -> g.writeNumber(v.ints[r]);
            case UINTEGER -> g.writeNumber(v.longs[r]);
            case BIGINT -> {
                if (quote64) g.writeString(Long.toString(v.longs[r]));
                else g.writeNumber(v.longs[r]);
            }
            case HUGEINT, UBIGINT, UHUGEINT -> {
                String s = (t.id() == io.tealdb.types.TypeId.UHUGEINT ? Int128.uhugeToBigInteger(v.highs[r], v.longs[r])
                        : Int128.toBigInteger(v.highs[r], v.longs[r])).toString();
                if (quote64) g.writeString(s);
                else g.writeNumber(s);
            }
            case FLOAT -> {
                float f = v.floats[r];
                if (Float.isFinite(f)) g.writeNumber(f);
                else g.writeNull();
            }
            case DOUBLE -> {
                double d = v.doubles[r];
                if (Double.isFinite(d)) g.writeNumber(d);
                else g.writeNull();
            }
            case DECIMAL -> g.writeNumber(v.physical == PhysicalType.INT64 ? BigDecimal.valueOf(v.longs[r], t.scale())
                    : new BigDecimal(Int128.toBigInteger(v.highs[r], v.longs[r]), t.scale()));
            case LIST, ARRAY -> {
                g.writeStartArray();
                for (int k = 0; k < v.lengths[r]; k++) value(v.children[0], v.offsets[r] + k, null);
                g.writeEndArray();
            }
            case MAP -> {
                g.writeStartObject();
                Vector e = v.children[0];
                for (int k = 0; k < v.lengths[r]; k++) {
                    int at = v.offsets[r] + k;
                    StringBuilder key = new StringBuilder();
                    if (e.children[0].isNull(at)) key.append("null");
                    else ChText.append(key, e.children[0], at);
                    g.writeFieldName(key.toString());
                    value(e.children[1], at, null);
                }
                g.writeEndObject();
            }
            case STRUCT -> {
                g.writeStartObject();
                for (int k = 0; k < v.children.length; k++) {
                    g.writeFieldName(t.children().get(k).name());
                    value(v.children[k], r, null);
                }
                g.writeEndObject();
            }
            default -> {
                StringBuilder sb = new StringBuilder();
                ChText.append(sb, v, r, decl);
                g.writeString(sb.toString());
            }
        }
    }

    @Override
    void end(long totalRows, long elapsedNanos, long bytesRead) {
        try {
            if (!eachRow) {
                g.writeEndArray();
                g.writeNumberField("rows", rows);
                g.writeObjectFieldStart("statistics");
                g.writeNumberField("elapsed", elapsedNanos / 1e9);
                g.writeNumberField("rows_read", totalRows);
                g.writeNumberField("bytes_read", bytesRead);
                g.writeEndObject();
                g.writeEndObject();
                nl();
            }
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
