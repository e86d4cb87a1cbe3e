package io.tealdb;

import io.tealdb.session.ClientContext;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A lazy, immutable query (DuckDB's relational API): composing relations only builds SQL text;
 * nothing runs until rows are asked for ({@link #execute}, {@link #fetchAll}, {@link #show}, ...), and
 * each such call runs the query anew.
 *
 * <pre>{@code
 * Relation r = con.sql("SELECT * FROM range(10) t(i)").filter("i % 2 = 0").project("i * 10 AS x");
 * con.register("evens", r);
 * con.sql("SELECT sum(x) FROM evens").show();
 * }</pre>
 *
 * Expressions are SQL text and refer to the input's columns by name. Positional parameters given to
 * {@link Connection#sql(String, Object...)} travel with the relation (in the order their '?' appear).
 */
public final class Relation {
    private static final AtomicLong UNNAMED = new AtomicLong();
    private static final Pattern COLUMN_LIST = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*(\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*\\s*");

    private final Connection connection;
    private final String sql;
    private final List<Value> params;
    private final String alias;

    Relation(Connection connection, String sql, List<Value> params, String alias) {
        this.connection = connection;
        this.sql = sql;
        this.params = List.copyOf(params);
        this.alias = alias != null ? alias : "unnamed_relation_" + UNNAMED.incrementAndGet();
    }

    /** The SQL text this relation stands for. */
    public String sql() {
        return sql;
    }

    public List<Value> parameters() {
        return params;
    }

    /** The name other relations use for this one in {@link #join}. */
    public String alias() {
        return alias;
    }

    public Relation setAlias(String newAlias) {
        return new Relation(connection, sql, params, newAlias);
    }

    private Relation derive(String newSql) {
        return new Relation(connection, newSql, params, null);
    }

    private String sub() {
        return "(" + sql + ") AS _r";
    }

    /** Rows for which {@code condition} is true. */
    public Relation filter(String condition) {
        return derive("SELECT * FROM " + sub() + " WHERE " + condition);
    }

    /** Computes {@code expressions} (a SELECT list) per row. */
    public Relation project(String... expressions) {
        return derive("SELECT " + String.join(", ", expressions) + " FROM " + sub());
    }

    public Relation select(String... expressions) {
        return project(expressions);
    }

    /** Aggregates over the whole input: {@code aggregate("sum(x), count(*)")}. */
    public Relation aggregate(String expressions) {
        return derive("SELECT " + expressions + " FROM " + sub());
    }

    /** Aggregates per group: {@code aggregate("g, sum(x)", "g")}. */
    public Relation aggregate(String expressions, String groups) {
        if (groups == null || groups.isBlank()) {
            return aggregate(expressions);
        }
        return derive("SELECT " + expressions + " FROM " + sub() + " GROUP BY " + groups);
    }

    /** Sorts by an ORDER BY list: {@code order("x DESC, y")}. */
    public Relation order(String orderBy) {
        return derive("SELECT * FROM " + sub() + " ORDER BY " + orderBy);
    }

    public Relation limit(long n) {
        return derive("SELECT * FROM " + sub() + " LIMIT " + n);
    }

    public Relation limit(long n, long offset) {
        return derive("SELECT * FROM " + sub() + " LIMIT " + n + " OFFSET " + offset);
    }

    public Relation distinct() {
        return derive("SELECT DISTINCT * FROM " + sub());
    }

    /** Inner join; the condition refers to both sides by their {@link #alias()}es, or is a list of shared column names (USING). */
    public Relation join(Relation other, String condition) {
        return join(other, condition, "inner");
    }

    /** Join of type {@code how}: inner, left, right, outer (full), semi, anti. */
    public Relation join(Relation other, String condition, String how) {
        sameConnection(other);
        String type = switch (how.toLowerCase(Locale.ROOT)) {
            case "inner" -> "JOIN";
            case "left" -> "LEFT JOIN";
            case "right" -> "RIGHT JOIN";
            case "outer", "full" -> "FULL OUTER JOIN";
            case "semi" -> "SEMI JOIN";
            case "anti" -> "ANTI JOIN";
            default -> throw new io.tealdb.error.InvalidInputException("unsupported join type '" + how
                    + "': use inner, left, right, outer, semi or anti");
        };
        String on = COLUMN_LIST.matcher(condition).matches() ? " USING (" + condition.trim() + ")" : " ON " + condition;
        List<Value> both = new ArrayList<>(params);
        both.addAll(other.params);
        return new Relation(connection, "SELECT * FROM (" + sql + ") AS " + JavaValues.quoteIdentifier(alias)
                + " " + type + " (" + other.sql + ") AS " + JavaValues.quoteIdentifier(other.alias) + on, both, null);
    }

    /** All rows of both (UNION ALL, as DuckDB's relational union); use {@link #distinct()} to drop duplicates. */
    public Relation union(Relation other) {
        return setOp(other, "UNION ALL");
    }

    public Relation except(Relation other) {
        return setOp(other, "EXCEPT");
    }

    public Relation intersect(Relation other) {
        return setOp(other, "INTERSECT");
    }

    private Relation setOp(Relation other, String op) {
        sameConnection(other);
        List<Value> both = new ArrayList<>(params);
        both.addAll(other.params);
        return new Relation(connection, "SELECT * FROM (" + sql + ") AS _l " + op + " SELECT * FROM (" + other.sql + ") AS _r", both, null);
    }

    private void sameConnection(Relation other) {
        if (other.connection.context() != connection.context()) {
            throw new io.tealdb.error.InvalidInputException("cannot combine relations from different connections");
        }
    }

    // ---------------------------------------------------------------- running

    /** Runs the query now; the caller reads and closes the result (streaming). */
    public Result execute() {
        return connection.run(sql, params);
    }

    public List<Object[]> fetchAll() {
        try (Result r = execute()) {
            return r.fetchAll();
        }
    }

    /** The first row, or null when there is none (each call runs the query; use {@link #execute()} to stream). */
    public Object[] fetchOne() {
        try (Result r = execute()) {
            return r.fetchOne();
        }
    }

    public List<Object[]> fetchMany(int n) {
        try (Result r = execute()) {
            return r.fetchMany(n);
        }
    }

    public List<FetchedColumn> fetchColumns() {
        try (Result r = execute()) {
            return r.fetchColumns();
        }
    }

    public String toBoxString(BoxRenderer renderer) {
        try (Result r = execute()) {
            return r.toBoxString(renderer);
        }
    }

    public String toBoxString() {
        return toBoxString(new BoxRenderer());
    }

    public void show(PrintStream out) {
        out.print(toBoxString());
        out.flush();
    }

    /** Prints the result as a DuckDB-style box to standard output. */
    public void show() {
        show(System.out);
    }

    private ClientContext.PreparedQuery prepared() {
        return connection.context().prepare(sql);
    }

    /** Result column names (binds the query without running it). */
    public List<String> columns() {
        return prepared().columnNames();
    }

    /** Result column types (binds the query without running it). */
    public List<LogicalType> types() {
        return prepared().columnTypes();
    }

    /** CREATE TABLE name AS this query. */
    public void create(String table) {
        try (Result r = connection.run("CREATE TABLE " + table + " AS SELECT * FROM " + sub(), params)) {
            r.updateCount();
        }
    }

    /** INSERT INTO table this query. */
    public void insertInto(String table) {
        try (Result r = connection.run("INSERT INTO " + table + " SELECT * FROM " + sub(), params)) {
            r.updateCount();
        }
    }

    @Override
    public String toString() {
        return sql;
    }
}
