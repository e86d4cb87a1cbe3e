package io.tealdb.server.ilp;

import io.questdb.client.Sender;
import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import io.tealdb.server.pg.PgServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * QuestDB's TCP key authentication with its Java client (which signs in DER) against a server that
 * requires it (here also with password auth for the other protocols); wrong keys close the connection.
 */
class IlpTcpAuthTest {
    @TempDir
    static Path dir;
    static TealServer server;
    static String privateKey;

    static String b64url(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        privateKey = b64url(((ECPrivateKey) kp.getPrivate()).getS());
        Path keys = dir.resolve("auth.txt");
        Files.writeString(keys, "# QuestDB's format\ntestUser1 ec-p-256-sha256 " + b64url(pub.getW().getAffineX()) + " "
                + b64url(pub.getW().getAffineY()) + "\n");
        ServerConfig d = ServerConfig.defaults();
        ServerConfig c = new ServerConfig(null, "127.0.0.1", 0, PgServerState.Auth.PASSWORD, "teal", "pw", null, null, false,
                d.maxConnections(), d.maxMessageBytes(), d.shutdownGrace(), 2, -1, -1, new IlpConfig(-1, 0, true, true, keys));
        server = TealServer.start(c, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String count() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "teal");
        p.setProperty("password", "pw");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/teal", p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), sum(i) FROM authed")) {
            rs.next();
            return rs.getLong(1) + "|" + rs.getLong(2);
        } catch (java.sql.SQLException e) {
            return e.getMessage();
        }
    }

    @Test
    void signedInClientWrites() throws Exception {
        try (Sender s = Sender.fromConfig("tcp::addr=127.0.0.1:" + server.ilp().tcpPort() + ";username=testUser1;token=" + privateKey + ";")) {
            for (int i = 0; i < 1000; i++) s.table("authed").longColumn("i", i).at(i + 1, ChronoUnit.MICROS);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        String got = count();
        while (!got.equals("1000|499500") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            got = count();
        }
        assertEquals("1000|499500", got);
    }

    @Test
    void unknownKeyOrBadSignatureClosesTheConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.ilp().tcpPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("nobody\nauthed i=1i\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, s.getInputStream().read());
        }
        try (Socket s = new Socket("127.0.0.1", server.ilp().tcpPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("testUser1\n".getBytes(StandardCharsets.US_ASCII));
            byte[] challenge = in.readNBytes(IlpTcpAuth.CHALLENGE_LENGTH + 1);
            assertEquals('\n', challenge[IlpTcpAuth.CHALLENGE_LENGTH]);
            for (int i = 0; i < IlpTcpAuth.CHALLENGE_LENGTH; i++) {
                assertEquals(true, challenge[i] >= 0x20 && challenge[i] < 0x7f, "printable challenge");
            }
            byte[] bogus = new byte[64];
            Arrays.fill(bogus, (byte) 7);
            out.write((Base64.getEncoder().encodeToString(bogus) + "\nbad_writes i=1i\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, in.read());
        }
    }
}
