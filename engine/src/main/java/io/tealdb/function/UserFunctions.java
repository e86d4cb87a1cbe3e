package io.tealdb.function;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scalar functions registered at run time on one database ({@link UserScalarFunction}), visible
 * to all of its connections and cursors as in DuckDB. Registration is rare and binding frequent, so
 * every change publishes a new immutable {@link FunctionRegistry} that binders read without locks;
 * a user function shadows a built-in of the same name, as DuckDB's do.
 */
public final class UserFunctions {
    private final Map<String, UserScalarFunction> byName = new LinkedHashMap<>();
    private volatile FunctionRegistry registry;

    /** The registry of the current functions, or null while there are none (the common case). */
    public FunctionRegistry registry() {
        return registry;
    }

    public synchronized void register(UserScalarFunction f) {
        String key = f.name().toLowerCase(Locale.ROOT);
        if (byName.containsKey(key)) {
            throw new NotImplementedException("A function by the name of '" + f.name() + "' is already created, creating "
                    + "multiple functions with the same name is not supported yet, please remove it first");
        }
        byName.put(key, f);
        publish();
    }

    public synchronized void remove(String name) {
        if (byName.remove(name.toLowerCase(Locale.ROOT)) == null) {
            throw new InvalidInputException("No function by the name of '" + name + "' was found in the list of registered functions");
        }
        publish();
    }

    /** The registered functions, in registration order. */
    public synchronized List<UserScalarFunction> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    private void publish() {
        if (byName.isEmpty()) {
            registry = null;
            return;
        }
        FunctionRegistry r = new FunctionRegistry(false);
        for (UserScalarFunction f : byName.values()) {
            List<ArgSpec> params = f.parameters().stream().map(ArgSpec::of).toList();
            ScalarFunction bound = new ScalarFunction(f.name(), f.parameters(), f.returnType(), guarded(f), !f.sideEffects());
            r.addScalar(new ScalarOverload(f.name(), params, null, (types, constants) -> bound));
        }
        registry = r;
    }

    private static ScalarKernel guarded(UserScalarFunction f) {
        return f.nullHandling() == UserScalarFunction.NullHandling.DEFAULT ? new NullSkippingKernel(f.kernel()) : f.kernel();
    }
}
