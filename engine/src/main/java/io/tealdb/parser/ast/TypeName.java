package io.tealdb.parser.ast;

import java.util.List;

/**
 * A type as written; the binder maps names to logical types. Multi-word names are normalized
 * to upper case single strings ("DOUBLE PRECISION", "CHARACTER VARYING",
 * "TIMESTAMP WITH TIME ZONE", "TIME WITH TIME ZONE"); other names keep their written text.
 * modifiers hold {@code VARCHAR(10)}, {@code DECIMAL(18,3)}, {@code ENUM('a','b')} arguments;
 * children hold STRUCT/UNION/MAP/LIST members; arrayDims lists the array suffixes outermost last,
 * -1 for {@code []} and n for {@code [n]}.
 */
public record TypeName(
        String name,
        List<Expr> modifiers,
        List<TypeField> children,
        List<Integer> arrayDims,
        int pos) implements Node {
    public static TypeName simple(String name, int pos) {
        return new TypeName(name, List.of(), List.of(), List.of(), pos);
    }
}
