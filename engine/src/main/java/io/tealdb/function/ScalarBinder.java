package io.tealdb.function;

import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/**
 * Builds the concrete {@link ScalarFunction} of an overload once the argument types are known.
 * {@code constants} holds the values of literal arguments (null entries for non-literals), for
 * functions whose result type depends on a constant (e.g. round(DECIMAL, 2) → DECIMAL(p,2)).
 */
@FunctionalInterface
public interface ScalarBinder {
    ScalarFunction bind(List<LogicalType> types, List<Value> constants);
}
