package io.tealdb.function;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

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

    /**
     * Any type of one nested family (LIST, STRUCT or MAP) with any children; an ARRAY passes
     * as the LIST of its element type, a NULL as the family with NULL children.
     */
    record Family(TypeId id) implements ArgSpec {
        @Override
        public String toString() {
            return id == TypeId.LIST ? "ANY[]" : id.name();
        }
    }

    ArgSpec ANY = new Any();
    ArgSpec ANY_LIST = new Family(TypeId.LIST);
    ArgSpec ANY_STRUCT = new Family(TypeId.STRUCT);
    ArgSpec ANY_MAP = new Family(TypeId.MAP);
    /** Any UNION, with its members (a NULL does not match: it has none). */
    ArgSpec ANY_UNION = new Family(TypeId.UNION);
    /** Any ENUM, with its dictionary (a NULL does not match: it has no labels). */
    ArgSpec ANY_ENUM = new Family(TypeId.ENUM);
    ArgSpec DECIMAL = new AnyDecimal();

    static ArgSpec of(LogicalType t) {
        return new Exact(t);
    }
}
