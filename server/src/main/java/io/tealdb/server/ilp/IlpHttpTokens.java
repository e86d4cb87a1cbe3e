package io.tealdb.server.ilp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer tokens the line-protocol HTTP port accepts ({@code --ilp-http-tokens FILE}): QuestDB's
 * clients send {@code Authorization: Bearer <token>} when configured with {@code token=…} over
 * http(s). The file holds one token per line, optionally after a name ({@code name token}); blank
 * lines and lines starting with {@code #} are skipped.
 */
final class IlpHttpTokens {
    private final List<byte[]> tokens;

    private IlpHttpTokens(List<byte[]> tokens) {
        this.tokens = tokens;
    }

    static IlpHttpTokens load(Path file) {
        List<byte[]> list = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] parts = l.split("\\s+");
                if (parts.length > 2) throw new IllegalArgumentException("bad line in " + file + ": expected [name] token");
                list.add(parts[parts.length - 1].getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the line-protocol token file " + file + ": " + e.getMessage(), e);
        }
        if (list.isEmpty()) throw new IllegalArgumentException("no tokens in " + file);
        return new IlpHttpTokens(List.copyOf(list));
    }

    /** True when {@code token} is one of the file's (compared in constant time). */
    boolean check(String token) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] known : tokens) ok |= MessageDigest.isEqual(known, t);
        return ok;
    }
}
