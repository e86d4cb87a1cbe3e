package io.tealdb.tpch;

import io.trino.tpch.Customer;
import io.trino.tpch.LineItem;
import io.trino.tpch.Nation;
import io.trino.tpch.Order;
import io.trino.tpch.Part;
import io.trino.tpch.PartSupplier;
import io.trino.tpch.Region;
import io.trino.tpch.Supplier;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/**
 * Generates the 8 TPC-H tables with io.trino.tpch and loads them through plain JDBC with the
 * schema of shared/tpch/README.md: {@code PreparedStatement.addBatch/executeBatch} in batches of
 * {@value #BATCH} rows, typed setters (setLong/setInt, setBigDecimal for DECIMAL(15,2),
 * setObject(LocalDate) for DATE, setString).
 */
public final class TpchData {

    static final int BATCH = 10_000;

    /** CREATE TABLE statements, in load order. */
    public static final List<String> SCHEMA = List.of(
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

    private TpchData() {}

    /** Creates and fills the 8 tables at scale factor {@code sf}; returns the number of rows loaded. */
    public static long load(Connection c, double sf) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        }
        long rows = 0;
        rows += insert(c, "region", 3, TpchTable.REGION.createGenerator(sf, 1, 1), (p, r) -> {
            p.setInt(1, (int) r.regionKey());
            p.setString(2, r.name());
            p.setString(3, r.comment());
        });
        rows += insert(c, "nation", 4, TpchTable.NATION.createGenerator(sf, 1, 1), (p, n) -> {
            p.setInt(1, (int) n.nationKey());
            p.setString(2, n.name());
            p.setInt(3, (int) n.regionKey());
            p.setString(4, n.comment());
        });
        rows += insert(c, "supplier", 7, TpchTable.SUPPLIER.createGenerator(sf, 1, 1), (p, s) -> {
            p.setLong(1, s.supplierKey());
            p.setString(2, s.name());
            p.setString(3, s.address());
            p.setInt(4, (int) s.nationKey());
            p.setString(5, s.phone());
            p.setBigDecimal(6, cents(s.accountBalanceInCents()));
            p.setString(7, s.comment());
        });
        rows += insert(c, "customer", 8, TpchTable.CUSTOMER.createGenerator(sf, 1, 1), (p, cu) -> {
            p.setLong(1, cu.customerKey());
            p.setString(2, cu.name());
            p.setString(3, cu.address());
            p.setInt(4, (int) cu.nationKey());
            p.setString(5, cu.phone());
            p.setBigDecimal(6, cents(cu.accountBalanceInCents()));
            p.setString(7, cu.marketSegment());
            p.setString(8, cu.comment());
        });
        rows += insert(c, "part", 9, TpchTable.PART.createGenerator(sf, 1, 1), (p, pa) -> {
            p.setLong(1, pa.partKey());
            p.setString(2, pa.name());
            p.setString(3, pa.manufacturer());
            p.setString(4, pa.brand());
            p.setString(5, pa.type());
            p.setInt(6, pa.size());
            p.setString(7, pa.container());
            p.setBigDecimal(8, cents(pa.retailPriceInCents()));
            p.setString(9, pa.comment());
        });
        rows += insert(c, "partsupp", 5, TpchTable.PART_SUPPLIER.createGenerator(sf, 1, 1), (p, ps) -> {
            p.setLong(1, ps.partKey());
            p.setLong(2, ps.supplierKey());
            p.setLong(3, ps.availableQuantity());
            p.setBigDecimal(4, cents(ps.supplyCostInCents()));
            p.setString(5, ps.comment());
        });
        rows += insert(c, "orders", 9, TpchTable.ORDERS.createGenerator(sf, 1, 1), (p, o) -> {
            p.setLong(1, o.orderKey());
            p.setLong(2, o.customerKey());
            p.setString(3, String.valueOf(o.orderStatus()));
            p.setBigDecimal(4, cents(o.totalPriceInCents()));
            p.setObject(5, date(o.orderDate()));
            p.setString(6, o.orderPriority());
            p.setString(7, o.clerk());
            p.setInt(8, o.shipPriority());
            p.setString(9, o.comment());
        });
        rows += insert(c, "lineitem", 16, TpchTable.LINE_ITEM.createGenerator(sf, 1, 1), (p, l) -> {
            p.setLong(1, l.orderKey());
            p.setLong(2, l.partKey());
            p.setLong(3, l.supplierKey());
            p.setLong(4, l.lineNumber());
            p.setBigDecimal(5, BigDecimal.valueOf(l.quantity() * 100, 2));
            p.setBigDecimal(6, cents(l.extendedPriceInCents()));
            p.setBigDecimal(7, cents(l.discountPercent()));
            p.setBigDecimal(8, cents(l.taxPercent()));
            p.setString(9, l.returnFlag());
            p.setString(10, l.status());
            p.setObject(11, date(l.shipDate()));
            p.setObject(12, date(l.commitDate()));
            p.setObject(13, date(l.receiptDate()));
            p.setString(14, l.shipInstructions());
            p.setString(15, l.shipMode());
            p.setString(16, l.comment());
        });
        return rows;
    }

    /** A value in cents (or percent) as DECIMAL(15,2). */
    static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** io.trino.tpch dates are days since 1970-01-01. */
    static LocalDate date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay);
    }

    @FunctionalInterface
    interface Binder<E> {
        void bind(PreparedStatement p, E entity) throws SQLException;
    }

    private static <E> long insert(Connection c, String table, int columns, Iterable<E> rows, Binder<E> binder)
            throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES (");
        for (int i = 0; i < columns; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        long n = 0;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            int pending = 0;
            for (E e : rows) {
                binder.bind(p, e);
                p.addBatch();
                n++;
                if (++pending == BATCH) {
                    p.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                p.executeBatch();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return n;
    }
}
