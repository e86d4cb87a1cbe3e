package io.tealdb.server.clickhouse;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;
import java.util.Locale;

/**
 * Writes a result set in one ClickHouse output format. {@link #begin} gets the column names, their
 * TealDB types and the ClickHouse types to declare (Nullable only where NULLs may appear).
 */
abstract class ResultWriter {
    protected final ByteSink out;
    protected List<String> names;
    protected List<LogicalType> types;
    protected List<ChType> declared;
    /** Per column: the type its table declares (ChColumnTypes), or null; Native's per-block types keep it. */
    protected List<ChType> tableDeclared;

    ResultWriter(ByteSink out) {
        this.out = out;
    }

    /** The canonical format name (sent back in X-ClickHouse-Format). */
    abstract String format();

    String contentType() {
        return "text/plain; charset=UTF-8";
    }

    void tableDeclared(List<ChType> types) {
        this.tableDeclared = types;
    }

    void begin(List<String> names, List<LogicalType> types, List<ChType> declared) {
        this.names = names;
        this.types = types;
        this.declared = declared;
    }

    abstract void chunk(DataChunk chunk);

    void end(long rows, long elapsedNanos, long bytesRead) {
    }

    /** Formats that write their own column types per block (Native) need not know them up front. */
    boolean needsDeclaredTypes() {
        return true;
    }

    /** Canonical name for a format name or alias (case-sensitive as in ClickHouse, a few aliases case-insensitive). */
    static String canonical(String name) {
        return switch (name) {
            case "TSV" -> "TabSeparated";
            case "TSVRaw", "TabSeparatedRaw", "Raw" -> "TabSeparatedRaw";
            case "TSVWithNames" -> "TabSeparatedWithNames";
            case "TSVWithNamesAndTypes" -> "TabSeparatedWithNamesAndTypes";
            case "TSVRawWithNames" -> "TabSeparatedRawWithNames";
            case "TSVRawWithNamesAndTypes" -> "TabSeparatedRawWithNamesAndTypes";
            default -> {
                String lower = name.toLowerCase(Locale.ROOT);
                yield switch (lower) {
                    case "tsv", "tabseparated" -> "TabSeparated";
                    case "csv" -> "CSV";
                    case "json" -> "JSON";
                    case "native" -> "Native";
                    case "parquet" -> "Parquet";
                    case "arrow" -> "Arrow";
                    case "arrowstream" -> "ArrowStream";
                    default -> name;
                };
            }
        };
    }

    static ResultWriter create(String format, ByteSink out, ChSettings settings) {
        String f = canonical(format);
        return switch (f) {
            case "Native" -> new NativeResultWriter(out, settings.protocolVersion() > 0);
            case "RowBinary" -> new RowBinaryResultWriter(out, f, false, false);
            case "RowBinaryWithNames" -> new RowBinaryResultWriter(out, f, true, false);
            case "RowBinaryWithNamesAndTypes" -> new RowBinaryResultWriter(out, f, true, true);
            case "TabSeparated", "TabSeparatedRaw", "TabSeparatedWithNames", "TabSeparatedWithNamesAndTypes",
                 "TabSeparatedRawWithNames", "TabSeparatedRawWithNamesAndTypes", "CSV", "CSVWithNames",
                 "CSVWithNamesAndTypes", "TSKV", "Pretty", "PrettyCompact", "PrettyNoEscapes", "PrettyCompactNoEscapes",
                 "PrettySpace", "Vertical", "Values" -> new TextResultWriter(out, f);
            case "JSON", "JSONCompact", "JSONStrings", "JSONCompactStrings", "JSONEachRow", "JSONStringsEachRow",
                 "JSONCompactEachRow", "JSONCompactStringsEachRow", "JSONCompactEachRowWithNames",
                 "JSONCompactEachRowWithNamesAndTypes", "JSONCompactStringsEachRowWithNames",
                 "JSONCompactStringsEachRowWithNamesAndTypes", "JSONLines", "NDJSON" -> new JsonResultWriter(out, f, settings);
            case "Arrow" -> new ArrowResultWriter(out, true);
            case "ArrowStream" -> new ArrowResultWriter(out, false);
            case "Parquet" -> new ParquetResultWriter(out);
            case "Null" -> new ResultWriter(out) {
                String format() {
                    return "Null";
                }

                void chunk(DataChunk chunk) {
                }
            };
            default -> throw ChException.unknownFormat(format);
        };
    }
}
