package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Casts into and between UNIONs, with DuckDB's rules: a value of another type becomes the one member
 * it fits (a member of exactly its type, else the member it casts to implicitly at the lowest cost;
 * two candidates are ambiguous), and a UNION becomes another whose members include all of its own
 * (matched by name, each member cast to its counterpart). A UNION's text is its active member's
 * (see {@link ValueFormatter}). The kernels keep the layout's invariant: the members that are not
 * the active one are NULL.
 */
public final class UnionCasts {
    private UnionCasts() {
    }

    /** No member takes the type. */
    public static final int NO_MEMBER = -1;
    /** Several members take it at the same cost. */
    public static final int AMBIGUOUS = -2;

    /**
     * The member of {@code union} that a value of {@code from} becomes: its index, {@link #NO_MEMBER}
     * or {@link #AMBIGUOUS}.
     */
    public static int member(LogicalType from, LogicalType union) {
        List<Integer> best = candidates(from, union);
        return best.isEmpty() ? NO_MEMBER : best.size() > 1 ? AMBIGUOUS : best.get(0);
    }

    /** The members of the lowest cost (exact type first), in member order. */
    private static List<Integer> candidates(LogicalType from, LogicalType union) {
        List<Integer> best = new ArrayList<>();
        int bestCost = Integer.MAX_VALUE;
        for (int k = 0; k < union.unionMemberCount(); k++) {
            LogicalType m = union.unionMember(k).type();
            int cost = from.equals(m) ? 0 : CastRules.implicitCastCost(from, m);
            if (cost < 0 || cost > bestCost) continue;
            if (cost < bestCost) best.clear();
            bestCost = cost;
            best.add(k);
        }
        return best;
    }

    /**
     * The position in {@code to} of each member of {@code from} (UNION to UNION), or null with the
     * name of the first member {@code to} lacks in {@code missing[0]}.
     */
    private static int[] memberMap(LogicalType from, LogicalType to, String[] missing) {
        int[] map = new int[from.unionMemberCount()];
        for (int j = 0; j < map.length; j++) {
            map[j] = to.unionMemberIndex(from.unionMember(j).name());
            if (map[j] < 0) {
                missing[0] = from.unionMember(j).name();
                return null;
            }
        }
        return map;
    }

    /** Cost of the implicit cast {@code from} → UNION {@code to} (UNION → UNION when a subset), or -1. */
    static int implicitCost(LogicalType from, LogicalType to) {
        if (from.id() == TypeId.UNION) {
            int[] map = memberMap(from, to, new String[1]);
            if (map == null) return -1;
            int cost = 1;
            for (int j = 0; j < map.length; j++) {
                int c = CastRules.implicitCastCost(from.unionMember(j).type(), to.unionMember(map[j]).type());
                if (c < 0) return -1;
                cost = Math.max(cost, c);
            }
            return cost;
        }
        List<Integer> best = candidates(from, to);
        if (best.size() != 1) return -1;
        LogicalType m = to.unionMember(best.get(0)).type();
        return Math.max(1, from.equals(m) ? 0 : CastRules.implicitCastCost(from, m));
    }

    /**
     * The common type of a UNION and another type, as DuckDB forms it: two UNIONs meet as the members
     * of the first and then those of the second it lacks (a member in both takes the common type of
     * the two); a UNION and another type meet as the UNION, so that the cast into it reports what fails.
     */
    static LogicalType maxWith(LogicalType a, LogicalType b) {
        if (a.id() != TypeId.UNION || b.id() != TypeId.UNION) return a.id() == TypeId.UNION ? a : b;
        List<TypeField> members = new ArrayList<>(a.unionMembers());
        for (TypeField m : b.unionMembers()) {
            int k = a.unionMemberIndex(m.name());
            if (k < 0) {
                members.add(m);
                continue;
            }
            LogicalType common = CastRules.tryMaxLogicalType(members.get(k).type(), m.type());
            if (common == null) return null;
            members.set(k, new TypeField(members.get(k).name(), common));
        }
        return members.size() < LogicalType.MAX_UNION_MEMBERS ? LogicalType.union(members) : null;
    }

    /** The kernel of CAST(from AS to) when {@code to} is a UNION. */
    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast, java.time.ZoneId zone) {
        if (from.id() == TypeId.UNION) return unionToUnion(from, to, tryCast, zone);
        List<Integer> best = candidates(from, to);
        if (best.size() != 1) {
            if (tryCast) return (args, count, res) -> Arrays.fill(res.ensureValidity(), 0L);
            if (best.isEmpty()) {
                StringBuilder types = new StringBuilder();
                for (TypeField m : to.unionMembers()) types.append(types.isEmpty() ? "" : ", ").append(m.type());
                throw new ConversionException("Type " + from + " can't be cast as " + to + ". " + from
                        + " can't be implicitly cast to any of the union member types: " + types);
            }
            StringBuilder members = new StringBuilder();
            for (int k : best) {
                TypeField m = to.unionMember(k);
                members.append(members.isEmpty() ? "" : ", ").append('\'').append(m.name()).append(" (").append(m.type()).append(")'");
            }
            throw new ConversionException("Type " + from + " can't be cast as " + to
                    + ". The cast is ambiguous, multiple possible members in target: " + members
                    + ". Disambiguate the target type by using the 'union_value(<tag> := <arg>)' function to promote the source value to a single member union before casting.");
        }
        int k = best.get(0);
        ScalarKernel member = Casts.kernel(from, to.unionMember(k).type(), tryCast, zone);
        return (args, count, res) -> {
            member.execute(args, count, res.children[k + 1]);
            Arrays.fill(res.children[0].shorts, 0, count, (short) k);
            // a NULL becomes the member holding NULL, not a NULL union (DuckDB)
            onlyActive(res, count);
        };
    }

    private static ScalarKernel unionToUnion(LogicalType from, LogicalType to, boolean tryCast, java.time.ZoneId zone) {
        String[] missing = new String[1];
        int[] map = memberMap(from, to, missing);
        if (map == null) {
            throw new ConversionException("Type " + from + " can't be cast as " + to + ". The member \"" + missing[0]
                    + "\" is not present in target union");
        }
        ScalarKernel[] members = new ScalarKernel[map.length];
        for (int j = 0; j < map.length; j++) {
            members[j] = Casts.kernel(from.unionMember(j).type(), to.unionMember(map[j]).type(), tryCast, zone);
        }
        boolean[] mapped = new boolean[to.unionMemberCount()];
        for (int m : map) mapped[m] = true;
        return (args, count, res) -> {
            Vector in = args[0];
            for (int j = 0; j < map.length; j++) {
                members[j].execute(new Vector[]{NestedCasts.maskedField(in, j + 1, count)}, count, res.children[map[j] + 1]);
            }
            for (int m = 0; m < mapped.length; m++) {
                if (!mapped[m]) Arrays.fill(res.children[m + 1].ensureValidity(), 0L);
            }
            short[] src = in.children[0].shorts;
            short[] dst = res.children[0].shorts;
            for (int i = 0; i < count; i++) {
                int t = src[i];
                // a NULL union's tag slot is arbitrary
                dst[i] = (short) (t >= 0 && t < map.length ? map[t] : 0);
            }
            if (in.validity != null) {
                for (int i = 0; i < count; i++) if (in.isNull(i)) res.setNull(i);
            }
        };
    }

    /** Makes every member but each row's active one NULL (the layout's invariant). */
    public static void onlyActive(Vector union, int count) {
        short[] tags = union.children[0].shorts;
        for (int m = 1; m < union.children.length; m++) {
            Vector member = union.children[m];
            short k = (short) (m - 1);
            for (int i = 0; i < count; i++) if (tags[i] != k) member.setNull(i);
        }
    }
}
