package io.tealdb.planner;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.TealException;
import io.tealdb.parser.Parser;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.QueryNode;
import io.tealdb.parser.ast.SelectStatement;
import io.tealdb.parser.ast.Statement;
import io.tealdb.planner.expression.*;
import io.tealdb.planner.logical.*;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Binder unit tests: name resolution, errors with positions, literal and expression types. */
class BinderTest {
    /** Catalog fixture with tables t1(a INTEGER, b VARCHAR), t2(a INTEGER, c DOUBLE) and a view v. */
    static final class TestCatalog implements BinderCatalog {
        final Map<String, TableEntry> tables = new HashMap<>();
        final Map<String, ViewDefinition> views = new HashMap<>();

        TestCatalog() {
            add("t1", new ColumnDefinition("a", LogicalType.INTEGER, false, null), new ColumnDefinition("b", LogicalType.VARCHAR, false, null));
            add("t2", new ColumnDefinition("a", LogicalType.INTEGER, false, null), new ColumnDefinition("c", LogicalType.DOUBLE, false, "1.5"));
            views.put("v", new ViewDefinition("main", "v", List.of("x"), "SELECT a + 1 FROM t1"));
        }

        void add(String name, ColumnDefinition... cols) {
            List<String> names = new ArrayList<>();
            List<LogicalType> types = new ArrayList<>();
            List<Boolean> notNull = new ArrayList<>();
            for (ColumnDefinition c : cols) {
                names.add(c.name());
                types.add(c.type());
                notNull.add(c.notNull());
            }
            io.tealdb.storage.DataTable storage = io.tealdb.storage.DataTable.create(
                    new io.tealdb.storage.TableSchema(name, names, types, notNull, List.of()));
            tables.put(name, new TableEntry("main", name, List.of(cols), List.of(), storage));
        }

        @Override
        public TableEntry findTable(String schema, String name) {
            return tables.get(name.toLowerCase());
        }

        @Override
        public ViewDefinition findView(String schema, String name) {
            return views.get(name.toLowerCase());
        }

        @Override
        public List<String> relationNames(String schema) {
            List<String> out = new ArrayList<>(tables.keySet());
            out.addAll(views.keySet());
            return out;
        }
    }

    static BinderEnvironment env() {
        return new BinderEnvironment(new TestCatalog(), RegistryFunctionResolver.standard(),
                sql -> ((SelectStatement) Parser.parseStatement(sql)).query(), Parser::parseExpression,
                NullOrder.NULLS_LAST, Map.of("v1", Value.ofInteger(7)), null);
    }

    static BoundQuery bind(String sql) {
        return new Binder(env(), List.of()).bindQuery(query(sql));
    }

    static QueryNode query(String sql) {
        Statement s = Parser.parseStatement(sql);
        return ((SelectStatement) s).query();
    }

    static TealException error(String sql) {
        return assertThrows(TealException.class, () -> new Binder(env(), List.of()).bind(Parser.parseStatement(sql)));
    }

    @Test
    void literalTypesFollowDuckDb() {
        BoundQuery q = bind("SELECT 1, 1.5, 0.5, 3000000000, 1e3, -2147483648, 123.456, .5, 10000000000000000000000, 'a', true");
        assertEquals(List.of(LogicalType.INTEGER, LogicalType.decimal(2, 1), LogicalType.decimal(2, 1), LogicalType.BIGINT,
                LogicalType.DOUBLE, LogicalType.INTEGER, LogicalType.decimal(6, 3), LogicalType.decimal(1, 1),
                LogicalType.HUGEINT, LogicalType.VARCHAR, LogicalType.BOOLEAN), q.types());
    }

    @Test
    void typeNameAliases() {
        BoundQuery q = bind("SELECT 1::INT4, 1::SIGNED, 1::INT8, 1::LONG, 'a'::TEXT, 'a'::STRING, 'a'::VARCHAR(10), 1::REAL, "
                + "1::FLOAT8, 1::DOUBLE PRECISION, 1::NUMERIC, 1::DECIMAL(10,2), 'a'::BYTEA, 1::BOOL, 1::INT1, 1::INT2, 1::DECIMAL(5)");
        assertEquals(List.of(LogicalType.INTEGER, LogicalType.INTEGER, LogicalType.BIGINT, LogicalType.BIGINT, LogicalType.VARCHAR,
                LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.FLOAT, LogicalType.DOUBLE, LogicalType.DOUBLE,
                LogicalType.decimal(18, 3), LogicalType.decimal(10, 2), LogicalType.BLOB, LogicalType.BOOLEAN,
                LogicalType.TINYINT, LogicalType.SMALLINT, LogicalType.decimal(5, 0)), q.types());
        TealException e = error("SELECT 1::FOO");
        assertInstanceOf(CatalogException.class, e);
        assertEquals("Type with name FOO does not exist!", e.getMessage());
        assertEquals(10, e.position());
    }

    @Test
    void unknownColumnReportsCandidatesAndPosition() {
        TealException e = error("SELECT x FROM t1");
        assertInstanceOf(BinderException.class, e);
        assertTrue(e.getMessage().startsWith("Referenced column \"x\" not found in FROM clause!\nCandidate bindings: "), e.getMessage());
        assertEquals(7, e.position());
        e = error("SELECT t1.a FROM t1 WHERE t1.zz = 1");
        assertEquals("Table \"t1\" does not have a column named \"zz\"", e.getMessage());
        assertEquals(26, e.position());
    }

    @Test
    void ambiguousColumn() {
        TealException e = error("SELECT a FROM t1, t2");
        assertEquals("Ambiguous reference to column name \"a\" (use: 't1.a' or 't2.a')", e.getMessage());
        assertEquals(7, e.position());
    }

    @Test
    void unknownTableAndAlias() {
        TealException e = error("SELECT * FROM tx");
        assertInstanceOf(CatalogException.class, e);
        assertEquals("Table with name tx does not exist!\nDid you mean \"t1\"?", e.getMessage());
        assertEquals(14, e.position());
        e = error("SELECT t3.a FROM t1");
        assertEquals("Referenced table \"t3\" not found!\nCandidate tables: \"t1\"", e.getMessage());
        assertEquals(7, e.position());
    }

    @Test
    void usingJoinMergesColumnsInStar() {
        assertEquals(List.of("a", "b", "c"), bind("SELECT * FROM t1 JOIN t2 USING (a)").names());
        assertEquals(List.of("a", "b", "c"), bind("SELECT * FROM t1 NATURAL JOIN t2").names());
        assertEquals(List.of("a", "b"), bind("SELECT t1.* FROM t1 JOIN t2 USING (a)").names());
        // unqualified a is no longer ambiguous
        BoundQuery q = bind("SELECT a FROM t1 FULL JOIN t2 USING (a)");
        LogicalProjection p = (LogicalProjection) q.plan();
        assertInstanceOf(BoundCoalesce.class, p.expressions().get(0));
        LogicalJoin join = (LogicalJoin) p.child();
        assertEquals(JoinType.FULL, join.type());
        assertEquals(1, join.conditions().size());
        assertEquals(ComparisonOp.EQ, join.conditions().get(0).op());
    }

    @Test
    void starModifiers() {
        assertEquals(List.of("b"), bind("SELECT * EXCLUDE (a) FROM t1").names());
        BoundQuery q = bind("SELECT * REPLACE (a + 1 AS a) FROM t1");
        assertEquals(List.of("a", "b"), q.names());
        assertInstanceOf(BoundFunction.class, ((LogicalProjection) q.plan()).expressions().get(0));
        TealException e = error("SELECT * EXCLUDE (zz) FROM t1");
        assertTrue(e.getMessage().contains("EXCLUDE list"), e.getMessage());
        assertEquals("SELECT * expression without FROM clause!", error("SELECT *").getMessage());
    }

    @Test
    void joinConditionsAreSplitIntoComparisonsAndResidual() {
        BoundQuery q = bind("SELECT t1.b FROM t1 JOIN t2 ON t2.a = t1.a AND t2.c > 1 AND t1.b = 'x'");
        LogicalJoin join = (LogicalJoin) ((LogicalProjection) q.plan()).child();
        assertEquals(1, join.conditions().size());
        JoinCondition c = join.conditions().get(0);
        // oriented: the left side of the condition refers to the join's left input (t1)
        assertEquals("a", ((BoundColumnRef) c.left()).name());
        assertTrue(join.left().bindings().contains(((BoundColumnRef) c.left()).binding()));
        assertNotNull(join.residual());
    }

    @Test
    void stringLiteralAdoptsOtherOperandType() {
        BoundQuery q = bind("SELECT * FROM t1 WHERE a = '1'");
        LogicalFilter f = (LogicalFilter) ((LogicalProjection) q.plan()).child();
        BoundComparison cmp = (BoundComparison) f.conditions().get(0);
        assertEquals(LogicalType.INTEGER, cmp.left().type());
        assertEquals(LogicalType.INTEGER, cmp.right().type());
        assertInstanceOf(BoundColumnRef.class, cmp.left());
    }

    @Test
    void integerLiteralKeepsNarrowColumnTypeInComparisons() {
        TestCatalog cat = new TestCatalog();
        cat.add("small", new ColumnDefinition("s", LogicalType.SMALLINT, false, null));
        BinderEnvironment e = env();
        BinderEnvironment env = new BinderEnvironment(cat, e.functions(), e.queryParser(), e.expressionParser(), e.nullOrder(), e.variables(), null);
        BoundQuery q = new Binder(env, List.of()).bindQuery(query("SELECT s FROM small WHERE s > 10"));
        LogicalFilter f = (LogicalFilter) ((LogicalProjection) q.plan()).child();
        BoundComparison cmp = (BoundComparison) f.conditions().get(0);
        assertInstanceOf(BoundColumnRef.class, cmp.left(), "column must not be cast");
        assertEquals(LogicalType.SMALLINT, cmp.right().type());
    }

    @Test
    void betweenInListAndCase() {
        BoundQuery q = bind("SELECT a BETWEEN 1 AND 3, a IN (1, 2, 3), CASE a WHEN 1 THEN 'one' ELSE 'other' END, "
                + "NULLIF(a, 1), COALESCE(NULL, a) FROM t1");
        List<BoundExpr> e = ((LogicalProjection) q.plan()).expressions();
        BoundConjunction between = (BoundConjunction) e.get(0);
        assertTrue(between.and());
        assertEquals(ComparisonOp.GE, ((BoundComparison) between.children().get(0)).op());
        assertEquals(3, ((BoundInList) e.get(1)).list().size());
        BoundCase c = (BoundCase) e.get(2);
        assertEquals(LogicalType.VARCHAR, c.type());
        assertInstanceOf(BoundComparison.class, c.conditions().get(0));
        assertInstanceOf(BoundCase.class, e.get(3));
        assertEquals(LogicalType.INTEGER, e.get(4).type());
        assertEquals(List.of(LogicalType.BOOLEAN, LogicalType.BOOLEAN, LogicalType.VARCHAR, LogicalType.INTEGER,
                LogicalType.INTEGER), q.types());
    }

    @Test
    void columnNamesRenderLikeDuckDb() {
        BoundQuery q = bind("SELECT a, a + 1, typeof(1), CAST(a AS BIGINT), t1.b, 1 = '1' FROM t1");
        assertEquals(List.of("a", "(a + 1)", "typeof(1)", "CAST(a AS BIGINT)", "b", "(1 = '1')"), q.names());
        assertEquals(List.of("col0", "col1"), bind("VALUES (1, 'a'), (2, 'b')").names());
    }

    @Test
    void typeofFoldsToConstant() {
        BoundQuery q = bind("SELECT typeof(a), typeof(1.5) FROM t1");
        List<BoundExpr> e = ((LogicalProjection) q.plan()).expressions();
        assertEquals(Value.ofVarchar("INTEGER"), ((BoundConstant) e.get(0)).value());
        assertEquals(Value.ofVarchar("DECIMAL(2,1)"), ((BoundConstant) e.get(1)).value());
    }

    @Test
    void selectAliasesUsableInWhereAndLaterItems() {
        BoundQuery q = bind("SELECT a AS k, k + 1 AS j FROM t1 WHERE k > 1");
        assertEquals(List.of("k", "j"), q.names());
        LogicalProjection p = (LogicalProjection) q.plan();
        assertInstanceOf(LogicalFilter.class, p.child());
        assertEquals(List.of("x", "y"), bind("SELECT 1 AS x, x + 1 AS y").names());
    }

    @Test
    void orderByPositionAliasExpressionAndHiddenColumns() {
        BoundQuery q = bind("SELECT a AS k FROM t1 ORDER BY b DESC NULLS FIRST, 1");
        // hidden b column is projected away at the top
        LogicalProjection top = (LogicalProjection) q.plan();
        assertEquals(1, top.expressions().size());
        LogicalOrder order = (LogicalOrder) top.child();
        assertEquals(2, order.orders().size());
        assertFalse(order.orders().get(0).ascending());
        assertTrue(order.orders().get(0).nullsFirst());
        assertFalse(order.orders().get(1).nullsFirst(), "default NULLS LAST");
        TealException e = error("SELECT a FROM t1 ORDER BY 2");
        assertEquals("ORDER term out of range - should be between 1 and 1", e.getMessage());
        assertEquals(26, e.position());
        BoundQuery all = bind("SELECT a, b FROM t1 ORDER BY ALL");
        assertEquals(2, ((LogicalOrder) all.plan()).orders().size());
    }

    @Test
    void limitAndOffsetAreConstants() {
        LogicalLimit l = (LogicalLimit) bind("SELECT a FROM t1 LIMIT 2 OFFSET 1").plan();
        assertEquals(1, l.offset());
        TealException e = error("SELECT a FROM t1 LIMIT 'a'");
        assertEquals("Could not convert string 'a' to INT64", e.getMessage());
        assertEquals(23, e.position());
    }

    @Test
    void setOperationsUnifyTypesAndTakeLeftNames() {
        BoundQuery q = bind("SELECT 1 UNION SELECT 'a'");
        assertEquals(List.of(LogicalType.VARCHAR), q.types());
        BoundQuery q2 = bind("SELECT 1 x UNION ALL SELECT 2.5");
        assertEquals(List.of("x"), q2.names());
        assertEquals(List.of(LogicalType.decimal(11, 1)), q2.types());
        LogicalSetOperation s = (LogicalSetOperation) q2.plan();
        assertTrue(s.all());
        assertEquals(s.left().types(), s.right().types());
        TealException e = error("SELECT 1, 2 UNION SELECT 3");
        assertEquals("Set operations can only apply to expressions with the same number of result columns", e.getMessage());
    }

    @Test
    void fromLessSelectReadsOneEmptyRow() {
        LogicalProjection p = (LogicalProjection) bind("SELECT 42").plan();
        LogicalValues v = (LogicalValues) p.child();
        assertEquals(1, v.rows().size());
        assertTrue(v.rows().get(0).isEmpty());
    }

    @Test
    void subqueriesAreLeftForTheOptimizer() {
        BoundQuery q = bind("SELECT a FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.a = t1.a) AND a IN (SELECT a FROM t2)");
        LogicalFilter f = (LogicalFilter) ((LogicalProjection) q.plan()).child();
        BoundSubquery exists = (BoundSubquery) f.conditions().get(0);
        assertEquals(SubqueryKind.EXISTS, exists.kind());
        List<BoundColumnRef> correlated = LogicalPlans.correlatedColumns(exists.plan());
        assertEquals(1, correlated.size());
        assertEquals("a", correlated.get(0).name());
        BoundSubquery in = (BoundSubquery) f.conditions().get(1);
        assertEquals(SubqueryKind.ANY, in.kind());
        assertEquals(ComparisonOp.EQ, in.op());
        assertTrue(LogicalPlans.correlatedColumns(in.plan()).isEmpty());
        TealException e = error("SELECT (SELECT 1, 2)");
        assertEquals("Subquery returns 2 columns - expected 1", e.getMessage());
        assertEquals(7, e.position());
        BoundSubquery notIn = (BoundSubquery) ((LogicalFilter) ((LogicalProjection) bind("SELECT a FROM t1 WHERE a NOT IN (SELECT a FROM t2)").plan()).child()).conditions().get(0);
        assertEquals(SubqueryKind.ALL, notIn.kind());
        assertEquals(ComparisonOp.NE, notIn.op());
    }

    @Test
    void ctesViewsAndDerivedTables() {
        BoundQuery q = bind("WITH c(x) AS (SELECT a FROM t1), d AS (SELECT x + 1 AS y FROM c) SELECT y FROM d");
        assertEquals(List.of("y"), q.names());
        assertEquals(List.of("x"), bind("SELECT * FROM v").names());
        assertEquals(List.of(LogicalType.INTEGER), bind("SELECT v.x FROM v").types());
        assertEquals(List.of("p", "q"), bind("SELECT * FROM (SELECT a, b FROM t1) s(p, q)").names());
    }

    @Test
    void parametersInferTypesFromContext() {
        Binder b = new Binder(env(), null);
        b.bind(Parser.parseStatement("SELECT * FROM t1 WHERE a = ? AND b = ? AND ? IS NULL"));
        assertEquals(3, b.parameterCount());
        assertEquals(List.of(LogicalType.INTEGER, LogicalType.VARCHAR, LogicalType.VARCHAR), b.parameterTypes());
        Binder values = new Binder(env(), List.of(Value.ofVarchar("5")));
        BoundQuery q = values.bindQuery(query("SELECT a FROM t1 WHERE a = $1"));
        BoundComparison cmp = (BoundComparison) ((LogicalFilter) ((LogicalProjection) q.plan()).child()).conditions().get(0);
        assertEquals(LogicalType.INTEGER, cmp.right().type());
    }

    @Test
    void getvariableReadsSessionVariables() {
        LogicalProjection p = (LogicalProjection) bind("SELECT getvariable('v1'), getvariable('nope')").plan();
        assertEquals(Value.ofInteger(7), ((BoundConstant) p.expressions().get(0)).value());
        assertTrue(((BoundConstant) p.expressions().get(1)).value().isNull());
    }

    @Test
    void insertShapesAndErrors() {
        Binder b = new Binder(env(), List.of());
        BoundInsert ins = (BoundInsert) b.bind(Parser.parseStatement("INSERT INTO t2 (a) VALUES (1), (2)"));
        LogicalValues v = (LogicalValues) ins.source();
        assertEquals(List.of(LogicalType.INTEGER, LogicalType.DOUBLE), v.types());
        assertEquals(2, v.rows().size());
        assertEquals(LogicalType.DOUBLE, v.rows().get(0).get(1).type(), "default cast to the column type");
        TealException e = error("INSERT INTO t1 VALUES (1, 2, 3)");
        assertEquals("table \"t1\" has 2 columns but 3 values were supplied", e.getMessage());
        e = error("INSERT INTO t1 (z) VALUES (1)");
        assertTrue(e.getMessage().startsWith("Table \"t1\" does not have a column with name \"z\""), e.getMessage());
        BoundInsert sel = (BoundInsert) new Binder(env(), List.of()).bind(Parser.parseStatement("INSERT INTO t1 SELECT a, c FROM t2"));
        assertEquals(List.of(LogicalType.INTEGER, LogicalType.VARCHAR), sel.source().types());
    }

    @Test
    void updateAndDeleteProduceRowIds() {
        BoundUpdate u = (BoundUpdate) new Binder(env(), List.of()).bind(Parser.parseStatement("UPDATE t1 SET b = 'z' WHERE a > 1"));
        assertEquals(List.of(1), u.columns());
        assertEquals(List.of(LogicalType.BIGINT, LogicalType.VARCHAR), u.source().types());
        BoundDelete d = (BoundDelete) new Binder(env(), List.of()).bind(Parser.parseStatement("DELETE FROM t1 WHERE b = 'x'"));
        assertEquals(List.of(LogicalType.BIGINT), d.source().types());
        LogicalGet get = findGet(d.source());
        assertEquals(LogicalGet.ROW_ID, (int) get.columnIds().get(0));
    }

    @Test
    void groupingSetsRollupAndCube() {
        LogicalAggregate a = findAggregate(bind("SELECT a, b, count(*) FROM t1 GROUP BY ROLLUP (a, b)").plan());
        assertEquals(List.of(List.of(0, 1), List.of(0), List.of()), a.groupingSets());
        a = findAggregate(bind("SELECT a, b, count(*) FROM t1 GROUP BY CUBE (a, b)").plan());
        assertEquals(4, a.groupingSets().size());
        a = findAggregate(bind("SELECT a, b, count(*) FROM t1 GROUP BY GROUPING SETS ((a), (b), ())").plan());
        assertEquals(List.of(List.of(0), List.of(1), List.of()), a.groupingSets());
        assertNull(findAggregate(bind("SELECT a, count(*) FROM t1 GROUP BY a").plan()).groupingSets());
    }

    @Test
    void correlatedReferenceToGroupedColumnReadsTheGroup() {
        BoundQuery q = bind("SELECT a, (SELECT count(*) FROM t2 WHERE t2.a = t1.a) FROM t1 GROUP BY a");
        LogicalAggregate agg = findAggregate(q.plan());
        BoundSubquery sub = (BoundSubquery) ((LogicalProjection) q.plan()).expressions().get(1);
        List<BoundColumnRef> outer = LogicalPlans.correlatedColumns(sub.plan());
        assertEquals(1, outer.size());
        assertEquals(agg.groupIndex(), outer.get(0).binding().tableIndex());
        TealException e = error("SELECT a, (SELECT count(*) FROM t2 WHERE t1.b IS NOT NULL) FROM t1 GROUP BY a");
        assertTrue(e.getMessage().startsWith("column \"b\" must appear in the GROUP BY clause"), e.getMessage());
    }

    @Test
    void aggregateErrors() {
        TealException e = error("SELECT a, count(*) FROM t1");
        assertTrue(e.getMessage().startsWith("column \"a\" must appear in the GROUP BY clause or must be part of an aggregate function."), e.getMessage());
        assertEquals(7, e.position());
        e = error("SELECT sum(a) FROM t1 WHERE sum(a) > 1");
        assertEquals("WHERE clause cannot contain aggregates!", e.getMessage());
        assertEquals(28, e.position());
        e = error("SELECT sum(sum(a)) FROM t1");
        assertEquals("aggregate function calls cannot be nested", e.getMessage());
        BoundQuery q = bind("SELECT a + 1 AS k, sum(a) AS s FROM t1 GROUP BY k HAVING s > 1 ORDER BY k");
        assertEquals(List.of("k", "s"), q.names());
    }

    @Test
    void rangeTableFunction() {
        BoundQuery q = bind("SELECT * FROM range(3)");
        assertEquals(List.of("range"), q.names());
        assertEquals(List.of(LogicalType.BIGINT), q.types());
        BoundQuery g = bind("SELECT x FROM generate_series(1, 10, 3) t(x)");
        assertEquals(List.of("x"), g.names());
        LogicalTableFunction f = findTableFunction(g.plan());
        assertEquals(4, f.function().estimatedRows());
        io.tealdb.vector.DataChunk chunk = new io.tealdb.vector.DataChunk(List.of(LogicalType.BIGINT));
        assertTrue(f.function().open().next(chunk));
        assertEquals(4, chunk.size());
        assertEquals(10L, chunk.getObject(0, 3));
        assertInstanceOf(CatalogException.class, error("SELECT * FROM nope(1)"));
    }

    static LogicalTableFunction findTableFunction(LogicalOperator op) {
        if (op instanceof LogicalTableFunction t) return t;
        for (LogicalOperator c : op.children()) {
            LogicalTableFunction t = findTableFunction(c);
            if (t != null) return t;
        }
        return null;
    }

    static LogicalAggregate findAggregate(LogicalOperator op) {
        if (op instanceof LogicalAggregate a) return a;
        for (LogicalOperator c : op.children()) {
            LogicalAggregate a = findAggregate(c);
            if (a != null) return a;
        }
        return null;
    }

    static LogicalGet findGet(LogicalOperator op) {
        if (op instanceof LogicalGet g) return g;
        for (LogicalOperator c : op.children()) {
            LogicalGet g = findGet(c);
            if (g != null) return g;
        }
        return null;
    }

    @Test
    void tableIndexesAreUniquePerStatement() {
        BoundQuery q = bind("SELECT * FROM t1 a JOIN t1 b ON a.a = b.a JOIN (SELECT a FROM t2) c ON c.a = a.a");
        List<Integer> indexes = new ArrayList<>();
        collectIndexes(q.plan(), indexes);
        assertEquals(indexes.size(), indexes.stream().distinct().count(), indexes.toString());
    }

    private static void collectIndexes(LogicalOperator op, List<Integer> out) {
        switch (op) {
            case LogicalGet g -> out.add(g.tableIndex());
            case LogicalProjection p -> out.add(p.tableIndex());
            case LogicalValues v -> out.add(v.tableIndex());
            default -> {
            }
        }
        for (LogicalOperator c : op.children()) collectIndexes(c, out);
    }

    static Expr expr(String sql) {
        return Parser.parseExpression(sql);
    }
}
