package io.tealdb.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random SELECTs over {@link RandomTables} using only core SQL: filters (AND/OR/NOT, comparisons,
 * BETWEEN, IN, IS [NOT] NULL, LIKE), arithmetic projections, GROUP BY with
 * count/sum/min/max/avg, INNER/LEFT/FULL joins on the key, and ORDER BY every output column.
 */
public final class QueryGenerator {

    private static final String[] NUMERIC = {"k", "i", "b", "d", "m"};
    private static final String[] CMP = {"=", "<>", "<", "<=", ">", ">="};
    private static final String[] LIKES = {"a%", "%b%", "_a%", "%c", "ab%", "%", "x_y"};

    private final Random rnd;

    public QueryGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    public String next() {
        return switch (rnd.nextInt(4)) {
            case 0 -> filterProject();
            case 1 -> aggregate();
            case 2 -> join();
            default -> joinAggregate();
        };
    }

    private String table() {
        return RandomTables.TABLES.get(rnd.nextInt(RandomTables.TABLES.size()));
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private String filterProject() {
        String t = table();
        List<String> items = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            items.add(projection(""));
        }
        String where = rnd.nextInt(5) == 0 ? "" : " WHERE " + predicate("", 2);
        return "SELECT " + String.join(", ", items) + " FROM " + t + where + orderByAll(items.size());
    }

    private String aggregate() {
        String t = table();
        List<String> items = new ArrayList<>();
        int groups = rnd.nextInt(3);
        List<String> keys = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String key = pick(new String[] {"k", "s", "f", "dt", "i % 7"});
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        items.addAll(keys);
        int aggs = 1 + rnd.nextInt(3);
        for (int a = 0; a < aggs; a++) {
            items.add(aggregateCall(""));
        }
        String where = rnd.nextBoolean() ? "" : " WHERE " + predicate("", 1);
        String groupBy = keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys);
        return "SELECT " + String.join(", ", items) + " FROM " + t + where + groupBy + orderByAll(items.size());
    }

    private String join() {
        String left = table();
        String right = table();
        String type = pick(new String[] {"INNER", "LEFT", "FULL"});
        List<String> items = new ArrayList<>();
        items.add("l.k");
        items.add("r.k");
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            items.add(projection(rnd.nextBoolean() ? "l." : "r."));
        }
        String on = "l.k = r.k" + (rnd.nextInt(3) == 0 ? " AND l.f = r.f" : "");
        // filters on the outer side of a LEFT/FULL join keep the test meaningful but not trivial
        String where = rnd.nextBoolean() ? "" : " WHERE " + predicate(rnd.nextBoolean() ? "l." : "r.", 1);
        return "SELECT " + String.join(", ", items) + " FROM " + left + " l " + type + " JOIN " + right + " r ON " + on
                + where + orderByAll(items.size());
    }

    private String joinAggregate() {
        String type = pick(new String[] {"INNER", "LEFT", "FULL"});
        String key = pick(new String[] {"l.k", "r.s", "l.f"});
        List<String> items = new ArrayList<>();
        items.add(key);
        items.add(aggregateCall(rnd.nextBoolean() ? "l." : "r."));
        items.add("count(*)");
        return "SELECT " + String.join(", ", items) + " FROM " + table() + " l " + type + " JOIN " + table()
                + " r ON l.k = r.k GROUP BY " + key + orderByAll(items.size());
    }

    private String aggregateCall(String p) {
        String col = pick(NUMERIC);
        return switch (rnd.nextInt(7)) {
            case 0 -> "count(*)";
            case 1 -> "count(" + p + pick(new String[] {"s", "d", "dt", "f"}) + ")";
            case 2 -> "sum(" + p + col + ")";
            case 3 -> "min(" + p + pick(new String[] {"i", "d", "m", "s", "dt"}) + ")";
            case 4 -> "max(" + p + pick(new String[] {"b", "d", "m", "s", "dt"}) + ")";
            case 5 -> "avg(" + p + col + ")";
            default -> "sum(" + p + "i + " + p + "k)";
        };
    }

    private String projection(String p) {
        return switch (rnd.nextInt(8)) {
            case 0 -> p + pick(new String[] {"k", "i", "b", "d", "m", "s", "dt", "f"});
            case 1 -> p + "i + " + p + "k";
            case 2 -> p + "b - " + p + "i * 3";
            case 3 -> p + "d * 2.5";
            case 4 -> p + "m + 1.25";
            case 5 -> "-" + p + "i";
            case 6 -> p + "m * " + p + "k";
            default -> p + "d - " + p + "i";
        };
    }

    private String predicate(String p, int depth) {
        if (depth > 0 && rnd.nextInt(3) == 0) {
            return switch (rnd.nextInt(3)) {
                case 0 -> "(" + predicate(p, depth - 1) + " AND " + predicate(p, depth - 1) + ")";
                case 1 -> "(" + predicate(p, depth - 1) + " OR " + predicate(p, depth - 1) + ")";
                default -> "NOT (" + predicate(p, depth - 1) + ")";
            };
        }
        return switch (rnd.nextInt(10)) {
            case 0 -> p + "i " + pick(CMP) + " " + (rnd.nextInt(2001) - 1000);
            case 1 -> p + "d " + pick(CMP) + " " + (rnd.nextInt(2001) - 1000) + ".5";
            case 2 -> p + "m " + pick(CMP) + " " + (rnd.nextInt(20001) - 10000) / 10 + ".25";
            case 3 -> p + "i BETWEEN " + (rnd.nextInt(1000) - 1000) + " AND " + rnd.nextInt(1000);
            case 4 -> p + "k " + (rnd.nextBoolean() ? "NOT IN" : "IN") + " (" + rnd.nextInt(12) + ", " + rnd.nextInt(12)
                    + ", " + rnd.nextInt(12) + ")";
            case 5 -> p + pick(new String[] {"k", "s", "d", "dt", "f", "m"}) + (rnd.nextBoolean() ? " IS NULL"
                    : " IS NOT NULL");
            case 6 -> p + "s " + (rnd.nextBoolean() ? "LIKE" : "NOT LIKE") + " '" + pick(LIKES) + "'";
            case 7 -> p + "dt " + pick(CMP) + " DATE '" + RandomTables.BASE_DATE.plusDays(rnd.nextInt(730)) + "'";
            case 8 -> p + "f" + (rnd.nextBoolean() ? "" : " = false");
            default -> p + "b " + pick(CMP) + " " + p + "i * 1000";
        };
    }

    private static String orderByAll(int n) {
        StringBuilder sb = new StringBuilder(" ORDER BY ");
        for (int i = 1; i <= n; i++) {
            sb.append(i == 1 ? "" : ", ").append(i);
        }
        return sb.toString();
    }
}
