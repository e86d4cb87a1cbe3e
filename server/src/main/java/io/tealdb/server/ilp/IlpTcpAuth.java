package io.tealdb.server.ilp;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * QuestDB's TCP line-protocol authentication: the client sends its key id and a line, the server
 * answers with a 512-byte random challenge of printable ASCII and a line, the client sends the
 * standard-base64 ECDSA P-256/SHA-256 signature of the challenge (DER from Java and Node, raw r||s
 * from Rust and Python), and the rest of the stream is line protocol. Keys come from a file in
 * QuestDB's format: {@code keyId ec-p-256-sha256 <x> <y>}, coordinates base64url without padding.
 */
public final class IlpTcpAuth {
    static final int CHALLENGE_LENGTH = 512;
    private final Map<String, PublicKey> keys;
    private final SecureRandom random = new SecureRandom();

    private IlpTcpAuth(Map<String, PublicKey> keys) {
        this.keys = keys;
    }

    /** Reads the key file; a malformed line is an error naming the file and line. */
    public static IlpTcpAuth load(Path file) {
        Map<String, PublicKey> keys = new HashMap<>();
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = params.getParameterSpec(ECParameterSpec.class);
            KeyFactory kf = KeyFactory.getInstance("EC");
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] f = t.split("\\s+");
                if (f.length != 4 || !f[1].equals("ec-p-256-sha256")) {
                    throw new IllegalArgumentException(file + " line " + n + ": expected 'keyId ec-p-256-sha256 <x> <y>'");
                }
                BigInteger x = new BigInteger(1, Base64.getUrlDecoder().decode(f[2]));
                BigInteger y = new BigInteger(1, Base64.getUrlDecoder().decode(f[3]));
                keys.put(f[0], kf.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), p256)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the line-protocol key file " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad public key in " + file + ": " + e.getMessage(), e);
        }
        return new IlpTcpAuth(Map.copyOf(keys));
    }

    boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    byte[] challenge() {
        byte[] c = new byte[CHALLENGE_LENGTH];
        for (int i = 0; i < c.length; i++) c[i] = (byte) (0x20 + random.nextInt(0x7f - 0x20));
        return c;
    }

    /** Whether {@code signatureLine} (standard base64) signs the challenge with the key's private key. */
    boolean verify(String keyId, byte[] challenge, byte[] signatureLine) {
        PublicKey key = keys.get(keyId);
        if (key == null) return false;
        try {
            byte[] sig = Base64.getDecoder().decode(new String(signatureLine, StandardCharsets.US_ASCII).strip());
            Signature v = Signature.getInstance(sig.length == 64 ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA");
            v.initVerify(key);
            v.update(challenge);
            return v.verify(sig);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
