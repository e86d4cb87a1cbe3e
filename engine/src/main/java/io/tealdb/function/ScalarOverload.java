package io.tealdb.function;

import java.util.List;

/**
 * A registered scalar overload: its parameter specs (with an optional repeated last parameter for
 * variadic functions) and a binder that, given the concrete argument types the call will be cast
 * to, builds the {@link ScalarFunction} (result type + kernel).
 */
public record ScalarOverload(String name, List<ArgSpec> params, ArgSpec varargs, ScalarBinder binder) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(params.get(i));
        }
        if (varargs != null) {
            sb.append(params.isEmpty() ? "" : ", ").append(varargs).append("...");
        }
        return sb.append(')').toString();
    }
}
