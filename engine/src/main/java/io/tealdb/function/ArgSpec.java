package io.tealdb.function;

import io.tealdb.types.LogicalType;

/**
 * One declared parameter of a function overload: an exact type, any DECIMAL (the overload is
 * generic over precision/scale and computes its result type from the actual ones), or any type.
 */
public sealed interface ArgSpec {
    record Exact(LogicalType type) implements ArgSpec {
        @Override
        public String toString() {
            return type.toString();
        }
    }

    record AnyDecimal() implements ArgSpec {
        @Override
        public String toString() {
            return "DECIMAL";
        }
    }

    record Any() implements ArgSpec {
        @Override
        public String toString() {
            return "ANY";
        }
    }

    ArgSpec ANY = new Any();
    ArgSpec DECIMAL = new AnyDecimal();

    static ArgSpec of(LogicalType t) {
        return new Exact(t);
    }
}
