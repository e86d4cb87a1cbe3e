package io.tealdb.bench;

import io.trino.tpch.TpchTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates the TPC-H schema of shared/tpch/README.md and fills it from io.trino.tpch through a {@link TableSink}. */
final class TpchLoader {

    static final List<String> SCHEMA = List.of(
            "CREATE TABLE region (r_regionkey INTEGER, r_name VARCHAR, r_comment VARCHAR)",
            "CREATE TABLE nation (n_nationkey INTEGER, n_name VARCHAR, n_regionkey INTEGER, n_comment VARCHAR)",
            "CREATE TABLE supplier (s_suppkey BIGINT, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER,"
                    + " s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR)",
            "CREATE TABLE customer (c_custkey BIGINT, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER,"
                    + " c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR)",
            "CREATE TABLE part (p_partkey BIGINT, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR,"
                    + " p_size INTEGER, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR)",
            "CREATE TABLE partsupp (ps_partkey BIGINT, ps_suppkey BIGINT, ps_availqty BIGINT,"
                    + " ps_supplycost DECIMAL(15,2), ps_comment VARCHAR)",
            "CREATE TABLE orders (o_orderkey BIGINT, o_custkey BIGINT, o_orderstatus VARCHAR,"
                    + " o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR,"
                    + " o_shippriority INTEGER, o_comment VARCHAR)",
            "CREATE TABLE lineitem (l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber BIGINT,"
                    + " l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2),"
                    + " l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE,"
                    + " l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR,"
                    + " l_comment VARCHAR)");

    private TpchLoader() {}

    static long load(Connection c, double sf, TableSink.Factory sinks) throws SQLException {
        createTables(c);
        return fill(sf, sinks);
    }

    /** Runs the CREATE TABLEs of {@link #SCHEMA} on {@code c}. */
    static void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        }
    }

    /** The table names of {@link #SCHEMA}, in its order. */
    static List<String> tables() {
        return SCHEMA.stream().map(ddl -> ddl.split(" ")[2]).toList();
    }

    /** Generates the tables at scale {@code sf} into the sinks (the tables must exist where the sinks write). */
    static long fill(double sf, TableSink.Factory sinks) throws SQLException {
        long rows = 0;
        try (TableSink t = sinks.open("region", 3)) {
            for (var r : TpchTable.REGION.createGenerator(sf, 1, 1)) {
                t.setInt(1, (int) r.regionKey());
                t.setString(2, r.name());
                t.setString(3, r.comment());
                t.endRow();
                rows++;
            }
        }
        try (TableSink t = sinks.open("nation", 4)) {
            for (var n : TpchTable.NATION.createGenerator(sf, 1, 1)) {
                t.setInt(1, (int) n.nationKey());
                t.setString(2, n.name());
                t.setInt(3, (int) n.regionKey());
                t.setString(4, n.comment());
                t.endRow();
                rows++;
            }
        }
        try (TableSink t = sinks.open("supplier", 7)) {
            for (var s : TpchTable.SUPPLIER.createGenerator(sf, 1, 1)) {
                t.setLong(1, s.supplierKey());
                t.setString(2, s.name());
                t.setString(3, s.address());
                t.setInt(4, (int) s.nationKey());
                t.setString(5, s.phone());
                t.setCents(6, s.accountBalanceInCents());
                t.setString(7, s.comment());
                t.endRow();
                rows++;
            }
        }
        try (TableSink t = sinks.open("customer", 8)) {
            for (var cu : TpchTable.CUSTOMER.createGenerator(sf, 1, 1)) {
                t.setLong(1, cu.customerKey());
                t.setString(2, cu.name());
                t.setString(3, cu.address());
                t.setInt(4, (int) cu.nationKey());
                t.setString(5, cu.phone());
                t.setCents(6, cu.accountBalanceInCents());
                t.setString(7, cu.marketSegment());
                t.setString(8, cu.comment());
                t.endRow();
                rows++;
            }
        }
        try (TableSink t = sinks.open("part", 9)) {
            for (var p : TpchTable.PART.createGenerator(sf, 1, 1)) {
                t.setLong(1, p.partKey());
                t.setString(2, p.name());
                t.setString(3, p.manufacturer());
                t.setString(4, p.brand());
                t.setString(5, p.type());
                t.setInt(6, p.size());
                t.setString(7, p.container());
                t.setCents(8, p.retailPriceInCents());
                t.setString(9, p.comment());
                t.endRow();
                rows++;
            }
        }
        try (TableSink t = sinks.open("partsupp", 5)) {
            for (var ps : TpchTable.PART_SUPPLIER.createGenerator(sf, 1, 1)) {
                t.setLong(1, ps.partKey());
                t.setLong(2, ps.supplierKey());
                t.setLong(3, ps.availableQuantity());
                t.setCents(4, ps.supplyCostInCents());
                t.setString(5, ps.comment());
                t.endRow();
                rows++;
            }
        }
        try (TableSink t = sinks.open("orders", 9)) {
            for (var o : TpchTable.ORDERS.createGenerator(sf, 1, 1)) {
                t.setLong(1, o.orderKey());
                t.setLong(2, o.customerKey());
                t.setString(3, String.valueOf(o.orderStatus()));
                t.setCents(4, o.totalPriceInCents());
                t.setDate(5, o.orderDate());
                t.setString(6, o.orderPriority());
                t.setString(7, o.clerk());
                t.setInt(8, o.shipPriority());
                t.setString(9, o.comment());
                t.endRow();
                rows++;
            }
        }
        try (TableSink t = sinks.open("lineitem", 16)) {
            for (var l : TpchTable.LINE_ITEM.createGenerator(sf, 1, 1)) {
                t.setLong(1, l.orderKey());
                t.setLong(2, l.partKey());
                t.setLong(3, l.supplierKey());
                t.setLong(4, l.lineNumber());
                t.setCents(5, l.quantity() * 100);
                t.setCents(6, l.extendedPriceInCents());
                t.setCents(7, l.discountPercent());
                t.setCents(8, l.taxPercent());
                t.setString(9, l.returnFlag());
                t.setString(10, l.status());
                t.setDate(11, l.shipDate());
                t.setDate(12, l.commitDate());
                t.setDate(13, l.receiptDate());
                t.setString(14, l.shipInstructions());
                t.setString(15, l.shipMode());
                t.setString(16, l.comment());
                t.endRow();
                rows++;
            }
        }
        return rows;
    }
}
