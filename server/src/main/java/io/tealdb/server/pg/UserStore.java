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
     * Checks a clear-text password against the stored verifier (protocols that send passwords, such
     * as HTTP Basic for the ClickHouse endpoint): derives the SCRAM StoredKey and compares it in
     * constant time. False for unknown users.
     */
    public boolean checkPassword(String user, String password) {
        Scram.Verifier v = users.get(key(user));
        if (v == null || password == null) return false;
        Scram.Verifier d = Scram.Verifier.derive(password, v.salt(), v.iterations());
        return java.security.MessageDigest.isEqual(d.storedKey(), v.storedKey());
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
