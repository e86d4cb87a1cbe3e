package io.tealdb.server.pg;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Server side of SCRAM-SHA-256 (RFC 5802/7677) as PostgreSQL runs it: the user name inside the SCRAM
 * messages is ignored (the startup packet's counts), no channel binding. Only verifiers are stored
 * (salt, iterations, StoredKey, ServerKey), never passwords.
 */
final class Scram {
    static final String MECHANISM = "SCRAM-SHA-256";
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is stored for a user. */
    record Verifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        static Verifier create(String password) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            return derive(password, salt, ITERATIONS);
        }

        static Verifier derive(String password, byte[] salt, int iterations) {
            byte[] salted = pbkdf2(password, salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            return new Verifier(salt, iterations, sha256(clientKey), hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private final Verifier verifier;
    private final boolean userExists;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /** {@code verifier} null: the user does not exist; the exchange still runs and fails at the end. */
    Scram(Verifier verifier) {
        this.userExists = verifier != null;
        this.verifier = verifier != null ? verifier : Verifier.create(Long.toString(RANDOM.nextLong()));
    }

    /** True until the client-first-message arrived. */
    boolean pendingFirst() {
        return serverFirst == null;
    }

    /** Handles client-first-message ({@code n,,n=user,r=cnonce}); returns server-first-message. */
    String serverFirst(String clientFirst) {
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw new PgError.Failure(PgError.fatal("08P01", "malformed SCRAM message (channel binding is not supported)"));
        }
        int gs2End = clientFirst.indexOf(',', 2);
        if (gs2End < 0) throw new PgError.Failure(PgError.fatal("08P01", "malformed SCRAM message"));
        clientFirstBare = clientFirst.substring(gs2End + 1);
        String cnonce = attribute(clientFirstBare, 'r');
        byte[] snonce = new byte[18];
        RANDOM.nextBytes(snonce);
        nonce = cnonce + Base64.getEncoder().encodeToString(snonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i=" + verifier.iterations();
        return serverFirst;
    }

    /** Checks client-final-message; returns server-final-message ({@code v=...}) or null when authentication fails. */
    String serverFinal(String clientFinal) {
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) throw new PgError.Failure(PgError.fatal("08P01", "malformed SCRAM message (no proof)"));
        String withoutProof = clientFinal.substring(0, proofAt);
        String channel = attribute(withoutProof, 'c');
        if (!channel.equals("biws") && !channel.equals("eSws")) {
            throw new PgError.Failure(PgError.fatal("08P01", "unexpected SCRAM channel-binding attribute"));
        }
        if (!attribute(withoutProof, 'r').equals(nonce)) {
            throw new PgError.Failure(PgError.fatal("08P01", "SCRAM nonce does not match"));
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new PgError.Failure(PgError.fatal("08P01", "malformed SCRAM proof"));
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = hmac(verifier.storedKey(), authMessage);
        if (proof.length != signature.length) return null;
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) clientKey[i] = (byte) (proof[i] ^ signature[i]);
        // constant-time comparison, and the same work whether or not the user exists
        boolean ok = MessageDigest.isEqual(sha256(clientKey), verifier.storedKey()) && userExists;
        if (!ok) return null;
        return "v=" + Base64.getEncoder().encodeToString(hmac(verifier.serverKey(), authMessage));
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') return part.substring(2);
        }
        throw new PgError.Failure(PgError.fatal("08P01", "malformed SCRAM message (no '" + name + "' attribute)"));
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
