package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.function.TableFunction;
import io.tealdb.io.csv.CsvOptions;
import io.tealdb.io.csv.CsvSniffer;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code sniff_csv(file, ...)}: one row describing what the CSV sniffer detects (DuckDB's columns;
 * Columns is rendered as DuckDB prints its list of structs, as text since TealDB has no nested types).
 */
final class SniffCsvTableFunction implements TableFunction {
    private static final List<String> NAMES = List.of("Delimiter", "Quote", "Escape", "NewLineDelimiter", "Comment", "SkipRows",
            "HasHeader", "Columns", "DateFormat", "TimestampFormat", "UserArguments", "Prompt");
    private static final List<LogicalType> TYPES = List.of(LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR,
            LogicalType.VARCHAR, LogicalType.INTEGER, LogicalType.BOOLEAN, LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR,
            LogicalType.VARCHAR, LogicalType.VARCHAR);

    private final Object[] row;

    private SniffCsvTableFunction(Object[] row) {
        this.row = row;
    }

    static FunctionResolver.BoundTableFunction bind(List<Value> args, List<String> namedNames, List<Value> named) {
        if (args.size() != 1 || args.get(0).isNull()) throw new BinderException("sniff_csv requires a file name");
        List<String> files = io.tealdb.io.FileGlobs.expandArgument("sniff_csv", args.get(0));
        CsvArguments a = CsvArguments.parse(namedNames, named);
        CsvSniffer.Result r = a.resolve(Path.of(files.get(0)));
        CsvOptions o = r.options();
        StringBuilder columns = new StringBuilder("[");
        StringBuilder columnsArg = new StringBuilder("{");
        for (int i = 0; i < r.names().size(); i++) {
            if (i > 0) {
                columns.append(", ");
                columnsArg.append(", ");
            }
            columns.append("{'name': ").append(r.names().get(i)).append(", 'type': ").append(r.types().get(i)).append('}');
            columnsArg.append('\'').append(r.names().get(i).replace("'", "''")).append("': '").append(r.types().get(i)).append('\'');
        }
        columns.append(']');
        columnsArg.append('}');
        String delimiter = new String(o.delimiter(), java.nio.charset.StandardCharsets.UTF_8);
        String quote = o.quote() == 0 ? "" : String.valueOf((char) o.quote());
        String escape = o.escape() == 0 ? "" : String.valueOf((char) o.escape());
        String comment = o.comment() == 0 ? "" : String.valueOf((char) o.comment());
        StringBuilder user = new StringBuilder();
        for (int i = 0; i < namedNames.size(); i++) {
            if (i > 0) user.append(", ");
            user.append(namedNames.get(i)).append('=').append(named.get(i).isNull() ? "NULL" : named.get(i).object());
        }
        StringBuilder prompt = new StringBuilder("FROM read_csv('").append(files.get(0)).append("', auto_detect=false, delim='")
                .append(delimiter.replace("'", "''")).append("', quote='").append(quote.replace("'", "''")).append("', escape='")
                .append(escape.replace("'", "''")).append("', new_line='").append(o.newline().render()).append("', skip=").append(o.skipRows())
                .append(", comment='").append(comment).append("', header=").append(o.header()).append(", columns=").append(columnsArg);
        if (o.dateFormat() != null) prompt.append(", dateformat='").append(o.dateFormat()).append('\'');
        if (o.timestampFormat() != null) prompt.append(", timestampformat='").append(o.timestampFormat()).append('\'');
        prompt.append(");");
        Object[] row = {delimiter.equals("\t") ? "\\t" : delimiter, quote, escape, o.newline().render(), comment, o.skipRows(), o.header(),
                columns.toString(), o.dateFormat(), o.timestampFormat(), user.toString(), prompt.toString()};
        return new FunctionResolver.BoundTableFunction(new SniffCsvTableFunction(row), NAMES, TYPES);
    }

    @Override
    public String describe() {
        return "sniff_csv()";
    }

    @Override
    public long estimatedRows() {
        return 1;
    }

    @Override
    public Scan open() {
        return new Scan() {
            boolean done;

            @Override
            public boolean next(DataChunk out) {
                if (done) return false;
                done = true;
                for (int c = 0; c < row.length; c++) out.column(c).setObject(0, row[c]);
                out.setSize(1);
                return true;
            }
        };
    }
}
