package io.tealdb.bench.fuzz;

import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The small random schema the query generator writes against: a few tables whose columns have
 * random types of {@link FunctionCatalog#TYPES}, filled with generated rows (NULLs, repeated keys,
 * the types' extreme values) — sometimes none, sometimes several 2048-row chunks.
 */
public record GenSchema(List<Table> tables, List<String> ddl) {
    public record Column(String name, LogicalType type) {
    }

    public record Table(String name, List<Column> columns) {
    }

    private static final int[] ROW_COUNTS = {0, 1, 7, 100, 2500, 5000};

    /** A schema of 2–4 tables and the statements that create and fill it. */
    public static GenSchema random(Random rnd, Literals literals) {
        List<Table> tables = new ArrayList<>();
        List<String> ddl = new ArrayList<>();
        int n = 2 + rnd.nextInt(3);
        for (int t = 0; t < n; t++) {
            String name = "t" + t;
            List<Column> cols = new ArrayList<>();
            // every table has an INTEGER key, so that joins and correlations often bind
            cols.add(new Column("k", LogicalType.INTEGER));
            int width = 1 + rnd.nextInt(5);
            for (int c = 0; c < width; c++) {
                cols.add(new Column("c" + c, FunctionCatalog.TYPES.get(rnd.nextInt(FunctionCatalog.TYPES.size()))));
            }
            Table table = new Table(name, cols);
            tables.add(table);
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(name).append(" (");
            StringBuilder fill = new StringBuilder("INSERT INTO ").append(name).append(" SELECT ");
            for (int c = 0; c < cols.size(); c++) {
                Column col = cols.get(c);
                create.append(c > 0 ? ", " : "").append(col.name()).append(' ').append(col.type());
                fill.append(c > 0 ? ", " : "").append(generatedValue(col.type(), rnd));
            }
            ddl.add(create.append(')').toString());
            int rows = ROW_COUNTS[rnd.nextInt(ROW_COUNTS.length)];
            if (rows > 0) ddl.add(fill.append(" FROM range(").append(rows).append(") r(i)").toString());
            // a few rows of extreme values
            for (int x = rnd.nextInt(4); x > 0; x--) {
                StringBuilder values = new StringBuilder("INSERT INTO ").append(name).append(" VALUES (");
                for (int c = 0; c < cols.size(); c++) {
                    values.append(c > 0 ? ", " : "").append(literals.of(cols.get(c).type()));
                }
                ddl.add(values.append(')').toString());
            }
        }
        return new GenSchema(tables, ddl);
    }

    /** A column value computed from the row number i: NULL every so often, repeated values, a type-dependent spread. */
    private static String generatedValue(LogicalType type, Random rnd) {
        int mod = new int[]{3, 10, 1000, 1_000_000}[rnd.nextInt(4)];
        int nullEvery = 3 + rnd.nextInt(20);
        String v = switch (type.id()) {
            case BOOLEAN -> "i % 2 = 0";
            case VARCHAR -> rnd.nextBoolean() ? "'s' || (i % " + mod + ")" : "repeat(chr(65 + (i % 26)::INT), (i % 7)::INT)";
            case BLOB -> "('b' || (i % " + mod + "))::BLOB";
            case DATE -> "DATE '2000-01-01' + (i % " + mod + ")::INT";
            case TIME -> "TIME '00:00:00' + to_seconds(i % 86401)";
            case TIMESTAMP -> "TIMESTAMP '2000-01-01' + to_seconds(i * 3607 % " + mod + ")";
            case TIMESTAMP_TZ -> "(TIMESTAMP '2000-01-01' + to_seconds(i * 3607 % " + mod + "))::TIMESTAMPTZ";
            case INTERVAL -> "to_seconds(i % " + mod + ")";
            case UUID -> "('00000000-0000-0000-0000-' || lpad((i % " + mod + ")::VARCHAR, 12, '0'))::UUID";
            case LIST -> "[(i % " + mod + ")::" + type.children().get(0).type() + ", NULL, (i % 3)::" + type.children().get(0).type() + "]";
            case UBIGINT, UTINYINT -> "(i % " + Math.min(mod, 200) + ")::" + type;
            case TINYINT -> "(i % 100 - 50)::TINYINT";
            default -> "((i % " + mod + ") - " + (mod / 2) + ")::" + type;
        };
        if (type.id() == io.tealdb.types.TypeId.INTEGER && rnd.nextBoolean()) v = "i";
        return "CASE WHEN i % " + nullEvery + " = 1 THEN NULL ELSE " + v + " END";
    }
}
