package io.tealdb.planner;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.optimizer.Optimizer;
import io.tealdb.parser.Parser;
import io.tealdb.parser.ast.ColumnDef;
import io.tealdb.parser.ast.CreateTable;
import io.tealdb.parser.ast.SelectStatement;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.logical.LogicalDependentJoin;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Binds the 22 TPC-H queries against the TPC-H schema and checks result shapes; the optimizer must remove every subquery. */
class TpchBindTest {
    static final String[] SCHEMA = {
            "CREATE TABLE part (p_partkey INTEGER, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR, p_size INTEGER, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR)",
            "CREATE TABLE supplier (s_suppkey INTEGER, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER, s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR)",
            "CREATE TABLE partsupp (ps_partkey INTEGER, ps_suppkey INTEGER, ps_availqty BIGINT, ps_supplycost DECIMAL(15,2), ps_comment VARCHAR)",
            "CREATE TABLE customer (c_custkey INTEGER, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER, c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR)",
            "CREATE TABLE orders (o_orderkey INTEGER, o_custkey INTEGER, o_orderstatus VARCHAR, o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR, o_shippriority INTEGER, o_comment VARCHAR)",
            "CREATE TABLE lineitem (l_orderkey INTEGER, l_partkey INTEGER, l_suppkey INTEGER, l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR)",
            "CREATE TABLE nation (n_nationkey INTEGER, n_name VARCHAR, n_regionkey INTEGER, n_comment VARCHAR)",
            "CREATE TABLE region (r_regionkey INTEGER, r_name VARCHAR, r_comment VARCHAR)",
    };

    static BinderTest.TestCatalog catalog() {
        BinderTest.TestCatalog c = new BinderTest.TestCatalog();
        for (String ddl : SCHEMA) {
            CreateTable t = (CreateTable) Parser.parseStatement(ddl);
            List<ColumnDefinition> cols = new ArrayList<>();
            for (ColumnDef d : t.columns()) cols.add(new ColumnDefinition(d.name().text(), TypeNames.resolve(d.type()), false, null));
            c.add(t.name().last().text(), cols.toArray(new ColumnDefinition[0]));
        }
        return c;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
    void bindsAndUnnests(int q) throws Exception {
        Path file = Path.of("/work/shared/tpch/queries", String.format("q%02d.sql", q));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(file), "TPC-H queries not available");
        String sql = Files.readString(file);
        BinderEnvironment base = BinderTest.env();
        BinderEnvironment env = new BinderEnvironment(catalog(), base.functions(), base.queryParser(), base.expressionParser(),
                NullOrder.NULLS_LAST, Map.of(), null);
        BoundQuery bound = new Binder(env, List.of()).bindQuery(((SelectStatement) Parser.parseStatement(sql)).query());
        assertEquals(bound.names().size(), bound.plan().types().size());
        assertEquals(bound.types(), bound.plan().types());
        LogicalOperator optimized = Optimizer.optimize(bound.plan());
        assertFalse(containsSubquery(optimized), "optimizer left a subquery in q" + q);
        if (q == 1) {
            assertEquals(List.of("l_returnflag", "l_linestatus", "sum_qty", "sum_base_price", "sum_disc_price", "sum_charge",
                    "avg_qty", "avg_price", "avg_disc", "count_order"), bound.names());
            assertEquals(LogicalType.BIGINT, bound.types().get(9));
        }
    }

    static boolean containsSubquery(LogicalOperator op) {
        if (op instanceof LogicalDependentJoin) return true;
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            boolean[] found = {false};
            BoundExprs.visit(e, n -> {
                if (n instanceof BoundSubquery) found[0] = true;
            });
            if (found[0]) return true;
        }
        for (LogicalOperator c : op.children()) if (containsSubquery(c)) return true;
        return false;
    }
}
