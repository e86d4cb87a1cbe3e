package io.tealdb.function.cast;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tealdb.io.json.JsonTree;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * SQL values as JSON text, as DuckDB's to_json and casts to JSON write them: numbers and booleans
 * as themselves, JSON values embedded, LIST/ARRAY as arrays, STRUCT and MAP as objects, everything
 * else as its text in a string. Written with Jackson's generator.
 */
public final class JsonValueWriter {
    private JsonValueWriter() {
    }

    /** What to write with the generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** The text {@code body} writes. */
    public static String toJson(Body body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonTree.FACTORY.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** The value at {@code row} (NULL as JSON null). */
    public static void writeValue(JsonGenerator g, Vector v, int row) throws IOException {
        if (v.isNull(row)) {
            g.writeNull();
            return;
        }
        TypeId id = v.type.id();
        switch (id) {
            case SQLNULL -> g.writeNull();
            case BOOLEAN -> g.writeBoolean(v.bytes[row] != 0);
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT ->
                    g.writeNumber(ValueFormatter.format(v, row));
            // DuckDB writes a DECIMAL as the double it is closest to
            case DECIMAL -> g.writeNumber(ValueFormatter.formatDouble(((java.math.BigDecimal) v.getObject(row)).doubleValue()));
            case FLOAT, DOUBLE -> {
                double d = id == TypeId.FLOAT ? v.floats[row] : v.doubles[row];
                if (Double.isFinite(d)) g.writeNumber(ValueFormatter.format(v, row));
                else g.writeString(ValueFormatter.format(v, row));
            }
            case JSON -> g.writeRawValue(v.getString(row));
            case LIST, ARRAY -> {
                g.writeStartArray();
                Vector c = v.child();
                for (int k = 0; k < v.lengths[row]; k++) writeValue(g, c, v.offsets[row] + k);
                g.writeEndArray();
            }
            case STRUCT -> {
                g.writeStartObject();
                List<io.tealdb.types.TypeField> fs = v.type.children();
                for (int k = 0; k < fs.size(); k++) {
                    g.writeFieldName(fs.get(k).name());
                    writeValue(g, v.children[k], row);
                }
                g.writeEndObject();
            }
            // UNION: an object of its active member, as DuckDB writes it ({"num":1})
            case UNION -> {
                int k = v.children[0].shorts[row];
                g.writeStartObject();
                g.writeFieldName(v.type.unionMember(k).name());
                writeValue(g, v.children[k + 1], row);
                g.writeEndObject();
            }
            case MAP -> {
                g.writeStartObject();
                Vector e = v.child();
                for (int k = 0; k < v.lengths[row]; k++) {
                    int at = v.offsets[row] + k;
                    g.writeFieldName(ValueFormatter.format(e.children[0], at));
                    writeValue(g, e.children[1], at);
                }
                g.writeEndObject();
            }
            default -> g.writeString(ValueFormatter.format(v, row));
        }
    }
}
