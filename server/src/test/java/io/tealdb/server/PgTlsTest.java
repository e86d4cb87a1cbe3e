package io.tealdb.server;

import io.tealdb.server.pg.PgServerState;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS from PEM files: pgjdbc with sslmode=verify-full against a certificate signed by a test CA made here. */
class PgTlsTest {
    @TempDir
    static Path dir;
    static TealServer server;
    static Path caFile;
    static Path certFile;
    static Path keyFile;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair ca = gen.generateKeyPair();
        KeyPair srv = gen.generateKeyPair();
        Date from = new Date(System.currentTimeMillis() - 3_600_000L), to = new Date(System.currentTimeMillis() + 86_400_000L);
        X500Name caName = new X500Name("CN=teal-test-ca");
        X509CertificateHolder caCert = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, ca.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate()));
        X509CertificateHolder srvCert = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to, new X500Name("CN=localhost"), srv.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.dNSName, "localhost")}))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate()));
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        caFile = dir.resolve("ca.pem");
        pem(caFile, conv.getCertificate(caCert));
        certFile = dir.resolve("server.pem");
        pem(certFile, conv.getCertificate(srvCert));
        keyFile = dir.resolve("server.key");
        pem(keyFile, new JcaPKCS8Generator(srv.getPrivate(), null).generate());
        server = TealServer.start(ServerConfig.defaults().withPort(0).withAuth(PgServerState.Auth.PASSWORD, "teal", "pw")
                .withTls(certFile, keyFile, true).withIlp(new io.tealdb.server.ilp.IlpConfig(0, -1, true, true))
                .withHttpPorts(ServerConfig.OFF, 0), new PrintStream(new ByteArrayOutputStream()));
    }

    private static void pem(Path file, Object o) throws Exception {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Properties props(String sslmode) {
        Properties p = new Properties();
        p.setProperty("user", "teal");
        p.setProperty("password", "pw");
        p.setProperty("sslmode", sslmode);
        p.setProperty("sslrootcert", caFile.toString());
        return p;
    }

    private static Connection tryConnect(String url, Properties p) throws SQLException {
        return DriverManager.getConnection(url, p);
    }

    @Test
    void verifyFullConnects() throws SQLException {
        String url = "jdbc:postgresql://localhost:" + server.port() + "/teal";
        try (Connection c = DriverManager.getConnection(url, props("verify-full"));
             ResultSet rs = c.createStatement().executeQuery("SELECT sum(i) FROM range(1000) t(i)")) {
            assertTrue(rs.next());
            assertEquals(499500, rs.getLong(1));
        }
    }

    @Test
    void plaintextIsRefusedWhenTlsIsRequired() {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/teal";
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, props("disable")));
        assertEquals("28000", e.getSQLState());
    }

    @Test
    void wrongHostNameFailsVerification() {
        // the certificate names localhost only: verify-full must reject 127.0.0.1 (the TLS handshake itself works)
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/teal";
        try (Connection ok = tryConnect("jdbc:postgresql://127.0.0.1:" + server.port() + "/teal", props("require"))) {
            assertTrue(ok != null);
        } catch (SQLException e) {
            throw new AssertionError("sslmode=require must connect", e);
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, props("verify-full")));
    }

    /** The ClickHouse HTTP endpoint over TLS (--https-port) with the same certificate, verified against the test CA. */
    @Test
    void clickHouseHttpsUsesTheSameCertificate() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
        java.net.http.HttpResponse<String> r = c.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("https://localhost:" + server.httpsPort() + "/?query=SELECT%2040%2B2"))
                .header("X-ClickHouse-User", "teal").header("X-ClickHouse-Key", "pw").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("42\n", r.body());
    }

    /** Line protocol over HTTPS (QuestDB's Java client, https::) on the server's certificate, Basic auth inside TLS. */
    @Test
    void lineProtocolOverHttps() throws Exception {
        try (io.questdb.client.Sender s = io.questdb.client.Sender.fromConfig("https::addr=localhost:" + server.ilp().httpPort()
                + ";username=teal;password=pw;tls_verify=unsafe_off;")) {
            for (int i = 0; i < 100; i++) s.table("tls_ilp").longColumn("i", i).at(i + 1, java.time.temporal.ChronoUnit.MICROS);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/teal", props("verify-full"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), sum(i) FROM tls_ilp")) {
            assertTrue(rs.next());
            assertEquals(100, rs.getLong(1));
            assertEquals(4950, rs.getLong(2));
        }
        // TLS is required: a plain HTTP request gets no answer
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        assertThrows(java.io.IOException.class, () -> plain.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.ilp().httpPort() + "/write")).POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("tls_ilp i=1i\n")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Line protocol over TCP inside TLS (QuestDB's tcps::) and bearer tokens over HTTPS (token=), on a
     * second server with --auth none and a token file: without a token, or with a wrong one, /write is 401.
     */
    @Test
    void lineProtocolOverTcpsAndHttpTokens() throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, "# name token\ningest s3cr3t-token\n");
        try (TealServer s = TealServer.start(ServerConfig.defaults().withPort(0).withTls(certFile, keyFile, true)
                .withIlp(new io.tealdb.server.ilp.IlpConfig(0, 0, true, true, null, tokens)), new PrintStream(new ByteArrayOutputStream()))) {
            try (io.questdb.client.Sender tcp = io.questdb.client.Sender.fromConfig("tcps::addr=localhost:" + s.ilp().tcpPort()
                    + ";tls_verify=unsafe_off;")) {
                for (int i = 0; i < 500; i++) tcp.table("tcps_ilp").symbol("k", "s" + i % 3).longColumn("i", i).at(i + 1, java.time.temporal.ChronoUnit.MICROS);
            }
            try (io.questdb.client.Sender http = io.questdb.client.Sender.fromConfig("https::addr=localhost:" + s.ilp().httpPort()
                    + ";token=s3cr3t-token;tls_verify=unsafe_off;")) {
                for (int i = 0; i < 300; i++) http.table("token_ilp").longColumn("i", i).at(i + 1, java.time.temporal.ChronoUnit.MICROS);
            }
            io.questdb.client.Sender bad = io.questdb.client.Sender.fromConfig("https::addr=localhost:" + s.ilp().httpPort()
                    + ";token=wrong;tls_verify=unsafe_off;retry_timeout=0;");
            bad.table("token_ilp").longColumn("i", 1).atNow();
            assertThrows(io.questdb.client.cutlass.line.LineSenderException.class, bad::flush);
            try {
                bad.close();
            } catch (io.questdb.client.cutlass.line.LineSenderException alreadyReported) {
                // the rows the server refused are still buffered
            }
            long deadline = System.currentTimeMillis() + 30_000;
            String got = "";
            while (System.currentTimeMillis() < deadline) {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + s.port() + "/teal", props("verify-full"));
                     ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT count(*) || '|' || sum(i) FROM tcps_ilp), "
                             + "(SELECT count(*) || '|' || sum(i) FROM token_ilp)")) {
                    assertTrue(rs.next());
                    got = rs.getString(1) + " " + rs.getString(2);
                } catch (SQLException e) {
                    got = e.getMessage(); // TCP rows commit after the connection closed: the table may not exist yet
                }
                if (got.equals("500|124750 300|44850")) break;
                Thread.sleep(100);
            }
            assertEquals("500|124750 300|44850", got);
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(trustAll()).build();
            var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + s.ilp().httpPort() + "/write"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token_ilp i=1i\n")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());
        }
    }

    private static javax.net.ssl.SSLContext trustAll() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
