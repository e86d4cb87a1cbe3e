package io.tealdb.server.pg;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's users and their SCRAM verifiers ({@code CREATE USER name PASSWORD '…'}, {@code ALTER
 * USER}, {@code DROP USER}, and the first admin from {@code --admin-password}). Kept for the life of
 * the server process.
 */
public final class UserStore {
    private final Map<String, Scram.Verifier> users = new ConcurrentHashMap<>();

    public void put(String user, String password) {
        users.put(key(user), Scram.Verifier.create(password));
    }

    boolean exists(String user) {
        return users.containsKey(key(user));
    }

    boolean remove(String user) {
        return users.remove(key(user)) != null;
    }

    Scram.Verifier verifier(String user) {
        return users.get(key(user));
    }

    /**
     * Checks a clear-text password (HTTP Basic auth of the line-protocol and ClickHouse endpoints)
     * against the user's SCRAM verifier. PBKDF2 costs milliseconds, so a check that succeeded is
     * remembered for the verifier it was made against (a changed password makes a new verifier).
     */
    public boolean checkPassword(String user, String password) {
        if (user == null || password == null) return false;
        Scram.Verifier v = users.get(key(user));
        if (v == null) return false;
        // the cache holds a digest of the password, never the password itself
        String cacheKey = key(user) + '\0' + java.util.HexFormat.of().formatHex(Scram.sha256(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (verified.get(cacheKey) == v) return true;
        Scram.Verifier d = Scram.Verifier.derive(password, v.salt(), v.iterations());
        if (!java.security.MessageDigest.isEqual(d.storedKey(), v.storedKey())) return false;
        if (verified.size() > 1000) verified.clear();
        verified.put(cacheKey, v);
        return true;
    }

    private final Map<String, Scram.Verifier> verified = new ConcurrentHashMap<>();

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
