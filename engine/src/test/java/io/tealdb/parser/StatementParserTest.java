package io.tealdb.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.parser.ast.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    private static Statement one(String sql) {
        return Parser.parseStatement(sql);
    }

    private static QueryNode query(String sql) {
        return ((SelectStatement) one(sql)).query();
    }

    private static SelectNode select(String sql) {
        return (SelectNode) query(sql);
    }

    @Test
    void multipleStatementsAndEmptyOnes() {
        List<Statement> statements = Parser.parse(";SELECT 1;; SELECT 2;\n-- trailing comment\n");
        assertEquals(2, statements.size());
        assertEquals(1, statements.get(0).pos());
        assertEquals(List.of(), Parser.parse("  /* only /* nested */ comment */ "));
    }

    @Test
    void selectClauses() {
        SelectNode s = select("SELECT DISTINCT ON (a) a AS x, b y, z: c + 1, t.*, * EXCLUDE (d, e) REPLACE (f + 1 AS f) "
                + "FROM s.t AS t1(a, b) WHERE a > 1 GROUP BY ALL HAVING count(*) > 1 WINDOW w AS (PARTITION BY a) "
                + "QUALIFY row_number() OVER w = 1 ORDER BY ALL DESC LIMIT 10 OFFSET 5");
        assertTrue(s.distinct());
        assertEquals(1, s.distinctOn().size());
        assertEquals("x", s.items().get(0).alias().text());
        assertEquals("y", s.items().get(1).alias().text());
        assertEquals("z", s.items().get(2).alias().text());
        Star qualified = (Star) s.items().get(3).expr();
        assertEquals("t", qualified.qualifier().get(0).text());
        Star star = (Star) s.items().get(4).expr();
        assertEquals(2, star.exclude().size());
        assertEquals("f", star.replace().get(0).column().text());
        BaseTableRef from = (BaseTableRef) s.from();
        assertEquals("s.t", from.name().toString());
        assertEquals("t1", from.alias().name().text());
        assertEquals(2, from.alias().columns().size());
        assertTrue(s.groupBy().all());
        assertEquals("w", s.windows().get(0).name().text());
        assertInstanceOf(BinaryOp.class, s.qualify());
        assertInstanceOf(Star.class, s.orderBy().get(0).expr());
        assertFalse(s.orderBy().get(0).ascending());
        assertEquals("10", ((IntegerLiteral) s.limit().limit()).text());
        assertEquals("5", ((IntegerLiteral) s.limit().offset()).text());
    }

    @Test
    void limitVariants() {
        assertTrue(select("SELECT * FROM t LIMIT 10%").limit().percent());
        LimitClause l = select("SELECT * FROM t OFFSET 2 LIMIT 3").limit();
        assertEquals("3", ((IntegerLiteral) l.limit()).text());
        assertEquals("2", ((IntegerLiteral) l.offset()).text());
        LimitClause f = select("SELECT * FROM t ORDER BY a FETCH FIRST 4 ROWS ONLY").limit();
        assertEquals("4", ((IntegerLiteral) f.limit()).text());
    }

    @Test
    void fromFirst() {
        SelectNode s = select("FROM t");
        assertInstanceOf(Star.class, s.items().get(0).expr());
        SelectNode s2 = select("FROM t SELECT a WHERE a > 1");
        assertEquals(1, s2.items().size());
        assertInstanceOf(BinaryOp.class, s2.where());
    }

    @Test
    void joins() {
        SelectNode s = select("SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y) CROSS JOIN d, e "
                + "NATURAL FULL JOIN f ASOF LEFT JOIN g ON a.t >= g.t POSITIONAL JOIN h SEMI JOIN i ON true ANTI JOIN j ON false");
        // comma binds loosest: (a..d) , (e .. j)
        JoinRef comma = (JoinRef) s.from();
        assertEquals(JoinKind.CROSS, comma.kind());
        JoinRef left = (JoinRef) comma.left();
        assertEquals(JoinKind.CROSS, left.kind());
        JoinRef leftJoin = (JoinRef) left.left();
        assertEquals(JoinKind.LEFT, leftJoin.kind());
        assertEquals("y", leftJoin.using().get(0).text());
        JoinRef anti = (JoinRef) comma.right();
        assertEquals(JoinKind.ANTI, anti.kind());
        JoinRef semi = (JoinRef) anti.left();
        assertEquals(JoinKind.SEMI, semi.kind());
        JoinRef positional = (JoinRef) semi.left();
        assertEquals(JoinKind.POSITIONAL, positional.kind());
        JoinRef asof = (JoinRef) positional.left();
        assertTrue(asof.asof());
        assertEquals(JoinKind.LEFT, asof.kind());
        JoinRef natural = (JoinRef) asof.left();
        assertTrue(natural.natural());
        assertEquals(JoinKind.FULL, natural.kind());
    }

    @Test
    void tableSources() {
        SelectNode s = select("SELECT * FROM range(10) r, read_csv('f.csv', header = true, sep := ',') AS c, "
                + "(SELECT 1) sub, LATERAL (SELECT r.x) l, (VALUES (1, 'a'), (2, 'b')) v(i, s), 'data.parquet'");
        List<TableRef> refs = flatten(s.from());
        assertEquals(6, refs.size());
        TableFunctionRef range = (TableFunctionRef) refs.get(0);
        assertEquals("range", range.call().name().toString());
        assertEquals("r", range.alias().name().text());
        TableFunctionRef csv = (TableFunctionRef) refs.get(1);
        assertEquals("header", ((NamedArgument) csv.call().args().get(1)).name().text());
        assertEquals("sep", ((NamedArgument) csv.call().args().get(2)).name().text());
        assertInstanceOf(SubqueryRef.class, refs.get(2));
        assertTrue(((SubqueryRef) refs.get(3)).lateral());
        SubqueryRef values = (SubqueryRef) refs.get(4);
        assertEquals(2, ((ValuesNode) values.query()).rows().size());
        assertEquals(List.of("i", "s"), values.alias().columns().stream().map(Identifier::text).toList());
        assertEquals("data.parquet", ((FileRef) refs.get(5)).path());
    }

    private static List<TableRef> flatten(TableRef ref) {
        if (ref instanceof JoinRef j && j.kind() == JoinKind.CROSS && j.on() == null) {
            List<TableRef> out = new java.util.ArrayList<>(flatten(j.left()));
            out.addAll(flatten(j.right()));
            return out;
        }
        return List.of(ref);
    }

    @Test
    void setOperationPrecedence() {
        SetOperationNode union = (SetOperationNode) query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 ORDER BY 1 LIMIT 1");
        assertEquals(SetOperationKind.UNION, union.kind());
        assertEquals(SetOperationKind.INTERSECT, ((SetOperationNode) union.right()).kind());
        assertEquals(1, union.orderBy().size());
        assertEquals(0, ((SelectNode) union.left()).orderBy().size());

        SetOperationNode except = (SetOperationNode) query("SELECT 1 EXCEPT ALL SELECT 2 UNION ALL BY NAME SELECT 3");
        assertEquals(SetOperationKind.UNION, except.kind());
        assertTrue(except.all());
        assertTrue(except.byName());
        assertEquals(SetOperationKind.EXCEPT, ((SetOperationNode) except.left()).kind());

        SetOperationNode parens = (SetOperationNode) query("(SELECT 1 LIMIT 1) UNION (SELECT 2 ORDER BY 1)");
        assertEquals(1, ((SelectNode) parens.left()).limit() != null ? 1 : 0);
        assertEquals(1, ((SelectNode) parens.right()).orderBy().size());
    }

    @Test
    void withClauses() {
        SelectNode s = select("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5), "
                + "m AS MATERIALIZED (SELECT 2), nm AS NOT MATERIALIZED (SELECT 3) SELECT * FROM r");
        assertTrue(s.with().recursive());
        assertEquals(3, s.with().ctes().size());
        assertEquals("n", s.with().ctes().get(0).columns().get(0).text());
        assertEquals(Boolean.TRUE, s.with().ctes().get(1).materialized());
        assertEquals(Boolean.FALSE, s.with().ctes().get(2).materialized());
        assertNull(s.with().ctes().get(0).materialized());
    }

    @Test
    void groupingSets() {
        SelectNode s = select("SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ()), ROLLUP (a, (b, c)), CUBE (a, b), 1");
        List<GroupingElement> elements = s.groupBy().elements();
        GroupingSet sets = (GroupingSet) elements.get(0);
        assertEquals(GroupingKind.SETS, sets.kind());
        assertEquals(List.of(2, 1, 0), sets.sets().stream().map(List::size).toList());
        GroupingSet rollup = (GroupingSet) elements.get(1);
        assertEquals(GroupingKind.ROLLUP, rollup.kind());
        assertEquals(List.of(1, 2), rollup.sets().stream().map(List::size).toList());
        assertEquals(GroupingKind.CUBE, ((GroupingSet) elements.get(2)).kind());
        assertInstanceOf(GroupingExpr.class, elements.get(3));
    }

    @Test
    void createTable() {
        CreateTable c = (CreateTable) one("CREATE OR REPLACE TEMP TABLE IF NOT EXISTS s.t ("
                + "id INTEGER PRIMARY KEY, name VARCHAR(20) COLLATE nocase NOT NULL DEFAULT 'x', "
                + "price DECIMAL(10, 2) CHECK (price > 0), ref INT REFERENCES other(id), "
                + "total AS (price * 2) STORED, g DOUBLE GENERATED ALWAYS AS (price / 2) VIRTUAL, tags VARCHAR[], "
                + "ts TIMESTAMP WITH TIME ZONE, st STRUCT(a INT, b MAP(VARCHAR, INT[])), "
                + "PRIMARY KEY (id, name), UNIQUE (name), CONSTRAINT ck CHECK (id > 0), FOREIGN KEY (ref) REFERENCES other (id))");
        assertTrue(c.orReplace());
        assertTrue(c.temporary());
        assertTrue(c.ifNotExists());
        assertEquals(9, c.columns().size());
        assertTrue(c.columns().get(0).primaryKey());
        ColumnDef name = c.columns().get(1);
        assertTrue(name.notNull());
        assertEquals("nocase", name.collation());
        assertEquals("VARCHAR", name.type().name());
        assertEquals(1, c.columns().get(2).checks().size());
        assertEquals("other", c.columns().get(3).references().table().toString());
        ColumnDef total = c.columns().get(4);
        assertNull(total.type());
        assertTrue(total.stored());
        assertEquals(List.of(-1), c.columns().get(6).type().arrayDims());
        assertEquals("TIMESTAMP WITH TIME ZONE", c.columns().get(7).type().name());
        assertEquals(2, c.columns().get(8).type().children().size());
        assertEquals(4, c.constraints().size());
        assertEquals("ck", c.constraints().get(2).name().text());
        assertEquals(TableConstraintKind.FOREIGN_KEY, c.constraints().get(3).kind());

        CreateTable ctas = (CreateTable) one("CREATE TABLE t2 AS SELECT * FROM t");
        assertInstanceOf(SelectNode.class, ctas.asQuery());
    }

    @Test
    void otherDdl() {
        CreateView v = (CreateView) one("CREATE OR REPLACE VIEW v (a, b) AS SELECT 1, 2");
        assertEquals(2, v.columns().size());
        assertTrue(((CreateSchema) one("CREATE SCHEMA IF NOT EXISTS s")).ifNotExists());
        CreateSequence seq = (CreateSequence) one("CREATE SEQUENCE seq START WITH 10 INCREMENT BY -1 MAXVALUE 100 CYCLE");
        assertEquals("-1", ((IntegerLiteral) seq.increment()).text());
        assertTrue(seq.cycle());
        CreateMacro m = (CreateMacro) one("CREATE MACRO add(a, b := 1) AS a + b");
        assertEquals(2, m.params().size());
        assertInstanceOf(BinaryOp.class, m.body());
        CreateMacro tm = (CreateMacro) one("CREATE OR REPLACE FUNCTION tm(x) AS TABLE SELECT x");
        assertInstanceOf(SelectNode.class, tm.tableBody());
        Drop d = (Drop) one("DROP TABLE IF EXISTS a, s.b CASCADE");
        assertEquals(ObjectKind.TABLE, d.kind());
        assertEquals(2, d.names().size());
        assertTrue(d.ifExists() && d.cascade());
        assertEquals(ObjectKind.MACRO_TABLE, ((Drop) one("DROP MACRO TABLE m")).kind());
        CreateType t = (CreateType) one("CREATE TYPE mood AS ENUM ('sad', 'happy')");
        assertEquals(2, t.type().modifiers().size());
        CreateIndex i = (CreateIndex) one("CREATE UNIQUE INDEX idx ON t (a, lower(b))");
        assertTrue(i.unique());
        assertEquals(2, i.keys().size());
    }

    @Test
    void alterTable() {
        assertInstanceOf(AlterAction.AddColumn.class, ((AlterTable) one("ALTER TABLE t ADD COLUMN c INT DEFAULT 1")).action());
        assertInstanceOf(AlterAction.AddColumn.class, ((AlterTable) one("ALTER TABLE t ADD c INT")).action());
        assertInstanceOf(AlterAction.DropColumn.class, ((AlterTable) one("ALTER TABLE t DROP COLUMN IF EXISTS c")).action());
        AlterAction.RenameColumn r = (AlterAction.RenameColumn) ((AlterTable) one("ALTER TABLE t RENAME COLUMN a TO b")).action();
        assertEquals("b", r.newName().text());
        assertInstanceOf(AlterAction.RenameTable.class, ((AlterTable) one("ALTER TABLE t RENAME TO u")).action());
        AlterAction.AlterColumnType type = (AlterAction.AlterColumnType) ((AlterTable) one(
                "ALTER TABLE t ALTER COLUMN c SET DATA TYPE BIGINT USING c * 2")).action();
        assertEquals("BIGINT", type.type().name());
        assertInstanceOf(BinaryOp.class, type.using());
        assertInstanceOf(AlterAction.AlterColumnType.class, ((AlterTable) one("ALTER TABLE t ALTER c TYPE INT")).action());
        assertInstanceOf(AlterAction.SetDefault.class, ((AlterTable) one("ALTER TABLE t ALTER c SET DEFAULT 2")).action());
        assertInstanceOf(AlterAction.DropNotNull.class, ((AlterTable) one("ALTER TABLE t ALTER c DROP NOT NULL")).action());
        assertInstanceOf(AlterAction.SetNotNull.class, ((AlterTable) one("ALTER TABLE t ALTER c SET NOT NULL")).action());
        assertEquals(ObjectKind.VIEW, ((AlterTable) one("ALTER VIEW v RENAME TO w")).kind());
    }

    @Test
    void dml() {
        Insert i = (Insert) one("INSERT OR REPLACE INTO t (a, b) VALUES (1, DEFAULT), (2, 3) "
                + "ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE b > 0 RETURNING *");
        assertEquals(ConflictAction.REPLACE, i.orAction());
        assertEquals(2, i.columns().size());
        assertInstanceOf(DefaultValue.class, ((ValuesNode) i.source()).rows().get(0).get(1));
        assertFalse(i.onConflict().doNothing());
        assertEquals(1, i.onConflict().updates().size());
        assertEquals(1, i.returning().size());
        Insert byName = (Insert) one("INSERT INTO t BY NAME SELECT 1 AS a");
        assertTrue(byName.byName());
        Insert defaults = (Insert) one("INSERT INTO t DEFAULT VALUES");
        assertNull(defaults.source());
        Insert sub = (Insert) one("INSERT INTO t (SELECT 1)");
        assertEquals(0, sub.columns().size());
        assertTrue(((Insert) one("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING")).onConflict().doNothing());
        Insert withCte = (Insert) one("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x");
        assertEquals(1, withCte.with().ctes().size());

        Update u = (Update) one("UPDATE t AS x SET a = 1, b = b + 1 FROM s WHERE x.id = s.id RETURNING a");
        assertEquals("x", u.alias().text());
        assertEquals(2, u.sets().size());
        assertInstanceOf(BaseTableRef.class, u.from());
        Delete d = (Delete) one("DELETE FROM t USING s WHERE t.id = s.id RETURNING *");
        assertInstanceOf(BaseTableRef.class, d.using());
        assertEquals("t", ((Truncate) one("TRUNCATE TABLE t")).table().toString());
    }

    @Test
    void copy() {
        Copy from = (Copy) one("COPY t (a, b) FROM 'in.csv' (FORMAT csv, HEADER, DELIMITER '|', FORCE_NOT_NULL (a, b))");
        assertTrue(from.from());
        assertEquals(2, from.columns().size());
        assertEquals(4, from.options().size());
        assertEquals("csv", ((StringLiteral) from.options().get(0).values().get(0)).value());
        assertEquals(0, from.options().get(1).values().size());
        assertEquals(2, from.options().get(3).values().size());
        Copy to = (Copy) one("COPY (SELECT * FROM t) TO 'out.parquet' WITH (FORMAT parquet)");
        assertFalse(to.from());
        assertInstanceOf(SelectNode.class, to.query());
        Copy legacy = (Copy) one("COPY t FROM 'f.csv' DELIMITER ',' CSV HEADER");
        assertEquals(3, legacy.options().size());
    }

    @Test
    void utilityStatements() {
        assertEquals(TransactionKind.BEGIN, ((Transaction) one("BEGIN TRANSACTION")).kind());
        assertEquals(TransactionKind.BEGIN, ((Transaction) one("START TRANSACTION")).kind());
        assertEquals(TransactionKind.COMMIT, ((Transaction) one("END")).kind());
        assertEquals(TransactionKind.ROLLBACK, ((Transaction) one("ABORT")).kind());
        Explain e = (Explain) one("EXPLAIN ANALYZE SELECT 1");
        assertTrue(e.analyze());
        SetVariable set = (SetVariable) one("SET GLOBAL threads TO 4");
        assertEquals(SettingScope.GLOBAL, set.scope());
        SetVariable word = (SetVariable) one("SET default_order = desc");
        assertEquals("desc", ((StringLiteral) word.value()).value());
        SetVariable var = (SetVariable) one("SET VARIABLE x = 1 + 2");
        assertEquals(SettingScope.VARIABLE, var.scope());
        assertInstanceOf(BinaryOp.class, var.value());
        assertEquals("threads", ((ResetVariable) one("RESET threads")).name().toString());
        Pragma p = (Pragma) one("PRAGMA table_info('t')");
        assertEquals(1, p.args().size());
        assertTrue(((Pragma) one("PRAGMA threads = 4")).assignment());
        assertEquals(0, ((Pragma) one("PRAGMA version")).args().size());
        Prepare prep = (Prepare) one("PREPARE q AS SELECT $1 + ?");
        assertInstanceOf(SelectStatement.class, prep.statement());
        assertEquals(2, ((Execute) one("EXECUTE q(1, 'a')")).args().size());
        assertNull(((Deallocate) one("DEALLOCATE ALL")).name());
        assertEquals(ShowKind.TABLES, ((Show) one("SHOW TABLES")).kind());
        assertEquals(ShowKind.ALL_TABLES, ((Show) one("SHOW ALL TABLES")).kind());
        assertEquals("t", ((Describe) one("DESCRIBE t")).table().toString());
        assertInstanceOf(SelectNode.class, ((Describe) one("DESCRIBE SELECT 1")).query());
        assertEquals(DescribeKind.SUMMARIZE, ((Describe) one("SUMMARIZE t")).kind());
        assertEquals("t", ((Describe) one("SHOW t")).table().toString());
        assertEquals("s", ((Use) one("USE s")).name().toString());
        assertTrue(((Checkpoint) one("FORCE CHECKPOINT")).force());
        assertInstanceOf(Vacuum.class, one("VACUUM"));
        assertEquals("f", ((Call) one("CALL f(1)")).call().name().toString());
        assertEquals("db", ((Attach) one("ATTACH 'x.db' AS db (READ_ONLY)")).alias().text());
    }

    @Test
    void unsupportedStatementIsAParserError() {
        ParserException e = org.junit.jupiter.api.Assertions.assertThrows(ParserException.class,
                () -> Parser.parse("SELECT 1; GRANT SELECT ON t TO bob"));
        assertEquals(10, e.position());
    }
}
