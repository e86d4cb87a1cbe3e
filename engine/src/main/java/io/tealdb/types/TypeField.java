package io.tealdb.types;

import java.util.Objects;

/**
 * One child of a nested {@link LogicalType}: a STRUCT field (name + type), the element of a
 * LIST/ARRAY (empty name), or the key/value of a MAP ("key", "value").
 */
public record TypeField(String name, LogicalType type) {
    public TypeField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
