package io.tealdb.cli;

import java.util.Locale;

/** How the shell prints results (.mode). */
public enum OutputMode {
    BOX, CSV, JSON, MARKDOWN, LINE;

    static OutputMode parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "box", "duckbox" -> BOX;
            case "csv" -> CSV;
            case "json" -> JSON;
            case "markdown", "md" -> MARKDOWN;
            case "line" -> LINE;
            default -> null;
        };
    }
}
