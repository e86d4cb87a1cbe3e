package io.tealdb.server.clickhouse;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Text values (TSV, CSV, JSON, ...) bound for columns whose ClickHouse type says more than their
 * TealDB storage type: a {@code DateTime('tz')}/{@code DateTime64(p, 'tz')} reads a time without an
 * offset as local time of its zone (TealDB stores the UTC instant), and a {@code FixedString(N)}
 * holds exactly N bytes, shorter values padded with NULs. JavaScript dates ({@code 2024-01-02T03:04:05.000Z},
 * what JSON.stringify makes of a Date) are UTC instants.
 */
final class TextValues {
    private TextValues() {
    }

    /**
     * Prepares the strings of {@code v} for the cast to {@code want} (rewritten in place): returns per
     * row whether the cast's result must still be moved from the zone's local time to UTC, or null
     * when no row needs it.
     */
    static boolean[] prepareTimes(Vector v, int n, LogicalType want, ChType declared) {
        if (!isTimestamp(want) && want.id() != TypeId.DATE) return null;
        String zone = zoneOf(declared);
        boolean[] local = null;
        for (int r = 0; r < n; r++) {
            if (v.isNull(r)) continue;
            String s = v.getString(r);
            if (zone == null || want.id() == TypeId.DATE) {
                // the engine's casts to zone-less types do not take a trailing Z
                if (isJavaScriptDate(s)) v.setString(r, s.substring(0, 10) + " " + s.substring(11, s.length() - 1));
            } else if (!hasExplicitZone(s)) {
                if (want.id() == TypeId.TIMESTAMP_TZ) {
                    v.setString(r, s + " " + zone);
                } else {
                    if (local == null) local = new boolean[n];
                    local[r] = true;
                }
            }
        }
        return local;
    }

    /** Moves the rows {@link #prepareTimes} marked from local time of the declared zone to UTC. */
    static void shiftLocalToUtc(Vector out, int n, boolean[] local, ChType declared) {
        ZoneRules rules = ChText.zoneRules(zoneOf(declared));
        long perSecond = switch (out.type.id()) {
            case TIMESTAMP_S -> 1L;
            case TIMESTAMP_MS -> 1_000L;
            case TIMESTAMP_NS -> 1_000_000_000L;
            default -> 1_000_000L;
        };
        for (int r = 0; r < n; r++) {
            if (!local[r] || out.isNull(r)) continue;
            long x = out.longs[r];
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(x, perSecond), 0, ZoneOffset.UTC);
            out.longs[r] = x - rules.getOffset(t).getTotalSeconds() * perSecond;
        }
    }

    /**
     * A FixedString(N) column's values (BLOB) padded with NUL bytes to N, as ClickHouse stores them;
     * a longer value is ClickHouse's TOO_LARGE_STRING_SIZE error. Returns {@code v} when nothing changes.
     */
    static Vector padFixedStrings(Vector v, int n, ChType declared, String column) {
        if (!(ChType.base(declared) instanceof ChType.FixedString f) || v.type.id() != TypeId.BLOB) return v;
        boolean pad = false;
        for (int r = 0; r < n; r++) {
            if (v.isNull(r)) continue;
            if (v.lengths[r] > f.length()) {
                throw new ChException(131, "TOO_LARGE_STRING_SIZE", "Too large value for " + f.name() + " in column " + column
                        + ": " + v.lengths[r] + " bytes");
            }
            pad |= v.lengths[r] < f.length();
        }
        if (!pad) return v;
        Vector out = new Vector(v.type, Math.max(1, n));
        byte[] buf = new byte[f.length()];
        for (int r = 0; r < n; r++) {
            if (v.isNull(r)) {
                out.setNull(r);
                continue;
            }
            java.util.Arrays.fill(buf, (byte) 0);
            System.arraycopy(v.heap, v.offsets[r], buf, 0, v.lengths[r]);
            out.setBytes(r, buf, 0, buf.length);
        }
        return out;
    }

    private static String zoneOf(ChType declared) {
        String z = switch (declared == null ? null : ChType.base(declared)) {
            case ChType.DateTime d -> d.zone();
            case ChType.DateTime64 d -> d.zone();
            case null, default -> null;
        };
        return z == null || z.equals("UTC") ? null : z;
    }

    private static boolean isTimestamp(LogicalType t) {
        return switch (t.id()) {
            case TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> true;
            default -> false;
        };
    }

    private static boolean isJavaScriptDate(String s) {
        return s.length() >= 20 && s.charAt(10) == 'T' && s.endsWith("Z") && Character.isDigit(s.charAt(0));
    }

    /** True when the time after the date names its offset or zone ({@code Z}, {@code +01:00}, {@code -05}, {@code Europe/Berlin}). */
    private static boolean hasExplicitZone(String s) {
        for (int i = 11; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '-' || Character.isLetter(c)) return true;
        }
        return false;
    }
}
