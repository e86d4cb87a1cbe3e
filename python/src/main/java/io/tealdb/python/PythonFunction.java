package io.tealdb.python;

/**
 * A Python function registered with {@code create_function}, as the Python package implements it
 * through a JPype proxy. Called on engine threads (JPype takes the GIL for the call).
 */
public interface PythonFunction {
    /**
     * Imports the record batch of arguments exported at ({@code array}, {@code schema}), runs the
     * function over its rows and exports the answers (one array, as many values as rows) into
     * ({@code outArray}, {@code outSchema}). Returns null on success, else the error message
     * (Python never lets an exception cross into Java).
     */
    String call(long array, long schema, long outArray, long outSchema);
}
