package io.tealdb.jdbc;

import io.tealdb.error.ConstraintException;
import io.tealdb.error.InterruptException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealException;
import io.tealdb.error.TransactionException;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/** Engine errors as SQLExceptions: message "Kind: message" (as DuckDB's JDBC), SQLState by kind, the TealException as cause. */
final class JdbcErrors {
    private JdbcErrors() {
    }

    static SQLException toSql(RuntimeException e) {
        if (e instanceof TealException te) {
            String msg = te.describe();
            return switch (te) {
                case ConstraintException c -> new SQLIntegrityConstraintViolationException(msg, "23000", c);
                case NotImplementedException n -> new SQLFeatureNotSupportedException(msg, "0A000", n);
                case InterruptException i -> new SQLException(msg, "57014", i);
                case TransactionException t -> new SQLTransactionRollbackException(msg, "40001", t);
                default -> new SQLException(msg, te);
            };
        }
        return new SQLException("INTERNAL Error: " + e, "XX000", e);
    }

    static SQLTimeoutException timeout(int seconds, RuntimeException cause) {
        return new SQLTimeoutException("INTERRUPT Error: query timed out after " + seconds + " s (setQueryTimeout)", "57014", cause);
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by the TealDB JDBC driver");
    }
}
