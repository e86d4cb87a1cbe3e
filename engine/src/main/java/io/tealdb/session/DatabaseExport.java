package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.MacroEntry;
import io.tealdb.catalog.SequenceEntry;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.catalog.TypeEntry;
import io.tealdb.catalog.ViewEntry;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealIOException;
import io.tealdb.parser.Parser;
import io.tealdb.parser.ast.ExportDatabase;
import io.tealdb.parser.ast.Option;
import io.tealdb.parser.ast.Statement;
import io.tealdb.planner.Binder;
import io.tealdb.storage.Transaction;
import io.tealdb.types.Value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * EXPORT DATABASE 'dir' in DuckDB's layout: {@code schema.sql} recreates the catalog (schemas, types,
 * sequences, tables with their constraints, views, macros, in an order where every object follows
 * what it uses), {@code load.sql} holds one COPY ... FROM per table, and each table's rows go to one
 * file ({@code table.csv}, or {@code schema_table.parquet}, ...) written by the ordinary COPY ... TO
 * with the statement's options. IMPORT DATABASE runs the two scripts (see ClientContextImpl).
 */
final class DatabaseExport {
    private DatabaseExport() {
    }

    static QueryResult export(ClientContextImpl ctx, Transaction txn, ExportDatabase e) {
        Binder binder = ctx.binder(txn, null);
        Value pathValue = binder.constantValue(binder.bindConstantExpression(e.path()), e.path().pos());
        if (pathValue.isNull()) throw new InvalidInputException("EXPORT DATABASE directory cannot be NULL");
        String dir = String.valueOf(pathValue.object());
        String format = "csv";
        List<String> copyOptions = new ArrayList<>();
        for (Option o : e.options()) {
            String name = o.name().text().toLowerCase(Locale.ROOT);
            String value = o.values().isEmpty() ? null : io.tealdb.planner.ExprNames.render(o.values().get(0));
            if (name.equals("format")) {
                format = String.valueOf(binder.constantValue(binder.bindConstantExpression(o.values().get(0)), o.pos()).object())
                        .toLowerCase(Locale.ROOT);
                if (!format.equals("csv") && !format.equals("parquet") && !format.equals("json")) {
                    throw new InvalidInputException("EXPORT DATABASE supports FORMAT csv, parquet or json, not \"" + format + "\"");
                }
            } else {
                copyOptions.add(o.name().text() + (value == null ? "" : " " + value));
            }
        }
        try {
            Files.createDirectories(Path.of(dir));
        } catch (IOException ex) {
            throw new TealIOException("Could not create directory \"" + dir + "\": " + ex.getMessage(), ex);
        }
        Catalog catalog = ctx.catalog();
        List<String> schemas = new ArrayList<>();
        List<TypeEntry> types = new ArrayList<>();
        List<SequenceEntry> sequences = new ArrayList<>();
        List<TableEntry> tables = new ArrayList<>();
        List<ViewEntry> views = new ArrayList<>();
        List<MacroEntry> macros = new ArrayList<>();
        for (String schema : catalog.schemaNames(txn)) {
            if (!schema.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA)) schemas.add(schema);
            for (CatalogEntry entry : catalog.entries(txn, schema)) {
                switch (entry) {
                    case TypeEntry t -> types.add(t);
                    case SequenceEntry s -> sequences.add(s);
                    case TableEntry t -> tables.add(t);
                    case ViewEntry v -> views.add(v);
                    case MacroEntry m -> macros.add(m);
                    default -> {
                    }
                }
            }
        }
        StringBuilder schemaSql = new StringBuilder();
        for (String s : schemas) schemaSql.append("CREATE SCHEMA ").append(quote(s)).append(";\n");
        for (TypeEntry t : types) {
            schemaSql.append("CREATE TYPE ").append(name(t.schema(), t.name())).append(" AS ").append(t.type()).append(";\n");
        }
        for (SequenceEntry s : sequences) schemaSql.append(sequence(s)).append('\n');
        for (TableEntry t : byForeignKeys(tables)) schemaSql.append(createTable(t)).append('\n');
        for (ViewEntry v : byReferences(views)) {
            schemaSql.append("CREATE VIEW ").append(name(v.schema(), v.name()));
            if (!v.aliases().isEmpty()) schemaSql.append(" (").append(String.join(", ", v.aliases().stream().map(DatabaseExport::quote).toList())).append(')');
            schemaSql.append(" AS ").append(v.sql()).append(";\n");
        }
        for (MacroEntry m : macros) schemaSql.append(m.sql()).append(";\n");

        StringBuilder loadSql = new StringBuilder();
        String options = copyOptions.isEmpty() ? "" : ", " + String.join(", ", copyOptions);
        for (TableEntry t : byForeignKeys(tables)) {
            String file = (t.schema().equalsIgnoreCase(Catalog.DEFAULT_SCHEMA) ? "" : t.schema() + "_") + t.name() + "." + format;
            String path = Path.of(dir).resolve(file).toString();
            List<String> cols = new ArrayList<>();
            for (ColumnDefinition c : t.columns()) if (!c.generated()) cols.add(quote(c.name()));
            String columnList = " (" + String.join(", ", cols) + ")";
            String header = format.equals("csv") ? ", HEADER true" : "";
            run(ctx, txn, "COPY " + name(t.schema(), t.name()) + columnList + " TO " + literal(path) + " (FORMAT " + format + header + options + ")");
            loadSql.append("COPY ").append(name(t.schema(), t.name())).append(columnList).append(" FROM ").append(literal(path))
                    .append(" (FORMAT '").append(format).append("'").append(header).append(format.equals("csv") ? options : "").append(");\n");
        }
        write(Path.of(dir).resolve("schema.sql"), schemaSql.toString());
        write(Path.of(dir).resolve("load.sql"), loadSql.toString());
        return QueryResultImpl.empty();
    }

    /** The statements of {@code dir}'s schema.sql then load.sql, for IMPORT DATABASE. */
    static List<String> importScripts(String dir) {
        List<String> out = new ArrayList<>();
        for (String f : List.of("schema.sql", "load.sql")) {
            Path p = Path.of(dir).resolve(f);
            try {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw new TealIOException("Could not read \"" + p + "\" (IMPORT DATABASE needs a directory written by EXPORT DATABASE): "
                        + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static void run(ClientContextImpl ctx, Transaction txn, String sql) {
        Statement st = Parser.parseStatement(sql);
        ctx.runInCurrent(st, List.of(), new ClientContextImpl.SqlSource(sql, sql.length()), txn).close();
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new TealIOException("Could not write \"" + p + "\": " + ex.getMessage(), ex);
        }
    }

    /** The CREATE SEQUENCE statement that makes {@code s} again, continuing where it is. */
    static String sequence(SequenceEntry s) {
        var st = s.state();
        long next = st.used() ? st.lastValue() + st.increment() : st.start();
        return "CREATE SEQUENCE " + name(s.schema(), s.name()) + " INCREMENT BY " + st.increment() + " MINVALUE " + st.minValue()
                + " MAXVALUE " + st.maxValue() + " START WITH " + next + (st.cycle() ? " CYCLE" : "") + ";";
    }

    static String createTable(TableEntry t) {
        List<String> parts = new ArrayList<>();
        for (ColumnDefinition c : t.columns()) {
            StringBuilder sb = new StringBuilder(quote(c.name())).append(' ').append(c.type());
            if (c.generated()) sb.append(" GENERATED ALWAYS AS (").append(c.generatedSql()).append(')').append(c.stored() ? " STORED" : "").append(c.hidden() ? " HIDDEN" : "");
            if (c.notNull()) sb.append(" NOT NULL");
            if (c.defaultSql() != null) sb.append(" DEFAULT (").append(c.defaultSql()).append(')');
            parts.add(sb.toString());
        }
        for (TableConstraint k : t.constraints()) {
            switch (k) {
                case TableConstraint.PrimaryKey pk -> parts.add("PRIMARY KEY (" + columns(t, pk.columns()) + ")");
                case TableConstraint.Unique u -> parts.add("UNIQUE (" + columns(t, u.columns()) + ")");
                case TableConstraint.Check c -> parts.add("CHECK (" + c.sql() + ")");
                case TableConstraint.ForeignKey fk -> parts.add("FOREIGN KEY (" + columns(t, fk.columns()) + ") REFERENCES "
                        + name(fk.referencedSchema(), fk.referencedTable()) + " ("
                        + String.join(", ", fk.referencedColumns().stream().map(DatabaseExport::quote).toList()) + ")");
            }
        }
        return "CREATE TABLE " + name(t.schema(), t.name()) + " (" + String.join(", ", parts) + ");";
    }

    private static String columns(TableEntry t, List<Integer> idx) {
        return String.join(", ", idx.stream().map(i -> quote(t.columns().get(i).name())).toList());
    }

    /** Tables with every table a foreign key references before it (the rest in catalog order). */
    private static List<TableEntry> byForeignKeys(List<TableEntry> tables) {
        Set<TableEntry> out = new LinkedHashSet<>();
        for (TableEntry t : tables) addAfterReferences(t, tables, out, 0);
        return new ArrayList<>(out);
    }

    private static void addAfterReferences(TableEntry t, List<TableEntry> all, Set<TableEntry> out, int depth) {
        if (out.contains(t) || depth > all.size()) return;
        for (TableConstraint k : t.constraints()) {
            if (!(k instanceof TableConstraint.ForeignKey fk)) continue;
            for (TableEntry r : all) {
                if (r != t && r.name().equalsIgnoreCase(fk.referencedTable())
                        && (fk.referencedSchema() == null || r.schema().equalsIgnoreCase(fk.referencedSchema()))) {
                    addAfterReferences(r, all, out, depth + 1);
                }
            }
        }
        out.add(t);
    }

    /** Views with every view whose name its query mentions before it (the query is bound when created). */
    private static List<ViewEntry> byReferences(List<ViewEntry> views) {
        Set<ViewEntry> out = new LinkedHashSet<>();
        for (ViewEntry v : views) addAfterMentions(v, views, out, 0);
        return new ArrayList<>(out);
    }

    private static void addAfterMentions(ViewEntry v, List<ViewEntry> all, Set<ViewEntry> out, int depth) {
        if (out.contains(v) || depth > all.size()) return;
        String sql = v.sql().toLowerCase(Locale.ROOT);
        for (ViewEntry other : all) {
            if (other != v && java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(other.name().toLowerCase(Locale.ROOT)) + "\\b")
                    .matcher(sql).find()) {
                addAfterMentions(other, all, out, depth + 1);
            }
        }
        out.add(v);
    }

    private static String name(String schema, String name) {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
