package io.tealdb.parser.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code *} or {@code t.*} with DuckDB's {@code EXCLUDE (..)}, {@code REPLACE (expr AS col)}
 * and {@code RENAME (a AS b)} modifiers. Also used for {@code count(*)} is NOT this node
 * (see {@link FunctionCall#star()}); in ORDER BY a bare Star stands for {@code ORDER BY ALL}.
 * {@code excludeQualifiers} runs parallel to {@code exclude}: the table qualifier written before
 * each excluded column ({@code t.a} → [t]), empty when the entry was unqualified.
 */
public record Star(
        List<Identifier> qualifier,
        List<Identifier> exclude,
        List<ReplaceItem> replace,
        List<RenameItem> rename,
        int pos,
        List<List<Identifier>> excludeQualifiers) implements Expr {

    public Star {
        if (excludeQualifiers == null || excludeQualifiers.size() != exclude.size()) {
            List<List<Identifier>> unqualified = new ArrayList<>();
            for (int i = 0; i < exclude.size(); i++) unqualified.add(List.of());
            excludeQualifiers = List.copyOf(unqualified);
        }
    }

    public Star(List<Identifier> qualifier, List<Identifier> exclude, List<ReplaceItem> replace,
                List<RenameItem> rename, int pos) {
        this(qualifier, exclude, replace, rename, pos, null);
    }
}
