package io.tealdb.sqllogictest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database under test, opened fresh for each test file. All connections returned by
 * {@link #newConnection()} must see the same database (named connections such as
 * {@code statement ok con1} test transactions and isolation across them).
 */
public interface TestDatabase extends AutoCloseable {

    Connection newConnection() throws SQLException;

    /** Releases the database; called once when the file is done. Must not throw. */
    @Override
    void close();
}
