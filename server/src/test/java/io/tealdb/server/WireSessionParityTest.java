package io.tealdb.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A query over the wire runs as the same query embedded does: a pgjdbc session on {@code teal serve}
 * has the settings of an embedded connection to the same database (threads, memory limit, optimizer
 * switches …; only what the client reports at startup differs) and gets the same plan. Looking for why
 * TPC-H Q19 and Q03 took 1.64× and 1.25× their embedded time over pgjdbc, this was what to rule out
 * first: a session setting or a plan of its own would be such a cause (the cause was JIT compilation
 * landing in the wire's timed runs, see WireTpchBench's warm-up).
 */
class WireSessionParityTest {
    /** Settings a PostgreSQL client's startup packet or the server's session set on purpose. */
    private static final Set<String> CLIENT_SET = Set.of("application_name", "extra_float_digits", "session_authorization", "bytea_input");

    @Test
    void aWireSessionHasTheEmbeddedSettingsAndPlans(@TempDir Path dir) throws SQLException {
        String file = dir.resolve("parity.db").toString();
        try (Connection embedded = DriverManager.getConnection("jdbc:teal:" + file);
             TealServer server = TealServer.start(ServerConfig.defaults().withPort(0).withDatabaseFile(file),
                     new PrintStream(new ByteArrayOutputStream()));
             Connection wire = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/parity?user=teal")) {
            try (Statement s = embedded.createStatement()) {
                s.execute("CREATE TABLE part AS SELECT i AS p_partkey, 'Brand#' || (i % 5 + 1) || (i % 5 + 1) AS p_brand,"
                        + " (i % 50 + 1)::INTEGER AS p_size, ['SM CASE', 'MED BAG', 'LG BOX', 'SM PKG'][i % 4 + 1] AS p_container FROM range(20000) t(i)");
                s.execute("CREATE TABLE lineitem AS SELECT i AS l_orderkey, i % 20000 AS l_partkey, (i % 50 + 1)::DECIMAL(15,2) AS l_quantity,"
                        + " (i % 1000 * 1.5)::DECIMAL(15,2) AS l_extendedprice, (i % 10 * 0.01)::DECIMAL(15,2) AS l_discount,"
                        + " ['AIR', 'AIR REG', 'RAIL', 'SHIP'][i % 4 + 1] AS l_shipmode,"
                        + " CASE WHEN i % 3 = 0 THEN 'DELIVER IN PERSON' ELSE 'NONE' END AS l_shipinstruct FROM range(100000) t(i)");
            }
            List<String> embeddedSettings = rows(embedded, "SELECT name, value FROM duckdb_settings() ORDER BY name");
            List<String> wireSettings = rows(wire, "SELECT name, value FROM duckdb_settings() ORDER BY name");
            assertEquals(embeddedSettings.size(), wireSettings.size());
            assertTrue(embeddedSettings.stream().anyMatch(r -> r.startsWith("threads=")), embeddedSettings.toString());
            for (int i = 0; i < embeddedSettings.size(); i++) {
                String name = embeddedSettings.get(i).substring(0, embeddedSettings.get(i).indexOf('='));
                if (!CLIENT_SET.contains(name)) assertEquals(embeddedSettings.get(i), wireSettings.get(i));
            }
            // TPC-H Q19's shape: an OR of conjunctions, each repeating the join key, over two tables
            String q19 = "SELECT sum(l_extendedprice * (1 - l_discount)) AS revenue FROM lineitem, part WHERE"
                    + " (p_partkey = l_partkey AND p_brand = 'Brand#12' AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')"
                    + " AND l_quantity >= 1 AND l_quantity <= 1 + 10 AND p_size BETWEEN 1 AND 5 AND l_shipmode IN ('AIR', 'AIR REG')"
                    + " AND l_shipinstruct = 'DELIVER IN PERSON')"
                    + " OR (p_partkey = l_partkey AND p_brand = 'Brand#23' AND p_container IN ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')"
                    + " AND l_quantity >= 10 AND l_quantity <= 10 + 10 AND p_size BETWEEN 1 AND 10 AND l_shipmode IN ('AIR', 'AIR REG')"
                    + " AND l_shipinstruct = 'DELIVER IN PERSON')";
            List<String> plan = rows(embedded, "EXPLAIN " + q19);
            assertTrue(String.join("\n", plan).contains("HASH_JOIN"), plan.toString());
            assertEquals(plan, rows(wire, "EXPLAIN " + q19));
            assertEquals(rows(embedded, q19), rows(wire, q19));
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(i == 1 ? "" : "=").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }
}
