package io.tealdb.session;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealIOException;
import io.tealdb.function.cast.JsonValueWriter;
import io.tealdb.parser.ast.Option;
import io.tealdb.planner.Binder;
import io.tealdb.planner.BoundQuery;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code COPY (query) TO 'x.json' (FORMAT json [, ARRAY true] [, COMPRESSION gzip])} (files laid out
 * by {@link CopyLayout}: PARTITION_BY, PER_THREAD_OUTPUT, RETURN_FILES, …): one JSON
 * object per row, its keys the column names, written as DuckDB writes them: newline-delimited, or
 * with ARRAY true one array {@code [\n\t{...},\n\t{...}\n]}. Values are written with Jackson's
 * generator as to_json writes them.
 */
final class JsonCopy {
    private JsonCopy() {
    }

    /** The FORMAT option's value, or null without one. */
    static String format(List<Option> options, Binder binder) {
        for (Option o : options) {
            if (o.name().text().equalsIgnoreCase("format") && !o.values().isEmpty()) {
                Value v = binder.copyOptionValue(o.values().get(0));
                return v.isNull() ? null : String.valueOf(v.object()).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** True when COPY reads or writes JSON: FORMAT json, or no FORMAT and a .json / .ndjson / .jsonl name (also .gz). */
    static boolean isJson(List<Option> options, String file, Binder binder) {
        String f = format(options, binder);
        if (f != null) return f.equals("json") || f.equals("ndjson");
        String lower = file.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|zst)$", "");
        return lower.endsWith(".json") || lower.endsWith(".ndjson") || lower.endsWith(".jsonl");
    }

    static QueryResultImpl copy(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, String file, List<Option> options,
                                Binder binder) {
        boolean array = false;
        String compression = "auto";
        CopyLayout layout = new CopyLayout();
        for (Option o : options) {
            String name = o.name().text().toLowerCase(Locale.ROOT);
            Value v = o.values().isEmpty() ? Value.ofBoolean(true) : binder.copyOptionValue(o.values().get(0));
            if (layout.option(name, v, o, binder)) continue;
            switch (name) {
                case "format", "preserve_order" -> {
                }
                case "array" -> array = v.object() instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v.object()));
                case "compression" -> compression = String.valueOf(v.object()).toLowerCase(Locale.ROOT);
                default -> throw CopyOptionNames.unsupported(o.name().text(), "JSON", o.pos());
            }
        }
        return layout.write(ctx, txn, q, Path.of(file), new Format(array, compression));
    }

    /** One JSON file: newline-delimited objects, or with ARRAY one array of them. */
    private record Format(boolean array, String compression) implements CopyFileFormat {
        @Override
        public String extension() {
            return "json";
        }

        @Override
        public FileWriter open(Path path, List<String> names, List<LogicalType> types) {
            Writer w;
            try {
                w = JsonCopy.open(path, compression);
                if (array) w.write("[\n");
            } catch (IOException e) {
                throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
            }
            return new FileWriter() {
                private boolean first = true;

                @Override
                public void write(DataChunk chunk) {
                    try {
                        for (int r = 0; r < chunk.size(); r++) {
                            int row = r;
                            String line = JsonValueWriter.toJson(g -> writeRow(g, chunk, names, row));
                            if (array) {
                                w.write(first ? "\t" : ",\n\t");
                                w.write(line);
                            } else {
                                w.write(line);
                                w.write('\n');
                            }
                            first = false;
                        }
                    } catch (IOException e) {
                        throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
                    }
                }

                @Override
                public void close() {
                    try (w) {
                        if (array) w.write(first ? "]\n" : "\n]\n");
                    } catch (IOException e) {
                        throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
                    }
                }
            };
        }
    }

    private static void writeRow(JsonGenerator g, DataChunk chunk, List<String> names, int row) throws IOException {
        g.writeStartObject();
        for (int c = 0; c < names.size(); c++) {
            g.writeFieldName(names.get(c));
            JsonValueWriter.writeValue(g, chunk.column(c), row);
        }
        g.writeEndObject();
    }

    private static Writer open(Path path, String compression) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        OutputStream out = Files.newOutputStream(path);
        if (compression.equals("gzip") || (compression.equals("auto") && name.endsWith(".gz"))) {
            out = new java.util.zip.GZIPOutputStream(out, 1 << 16);
        } else if (compression.equals("zstd") || (compression.equals("auto") && name.endsWith(".zst"))) {
            out = new com.github.luben.zstd.ZstdOutputStream(out);
        }
        return new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

}
