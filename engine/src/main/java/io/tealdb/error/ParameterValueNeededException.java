package io.tealdb.error;

/**
 * A statement being prepared needs a parameter's value to bind at all: a table function's argument
 * ({@code read_parquet($1)}) decides the columns. PREPARE accepts such a statement and binds it when
 * EXECUTE supplies the values, as DuckDB does; without a value this is the Binder Error users see.
 */
public class ParameterValueNeededException extends BinderException {
    public ParameterValueNeededException(String message, int position) {
        super(message, position);
    }
}
