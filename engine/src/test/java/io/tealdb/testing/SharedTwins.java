package io.tealdb.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@link DuckDbTwins} opened once for a test class and closed after it, as a JUnit extension:
 * {@code @RegisterExtension static final SharedTwins db = new SharedTwins(2, SETUP);} replaces the
 * {@code @BeforeAll}/{@code @AfterAll} pair each oracle test would otherwise repeat. Its methods are
 * those of the twins it holds.
 */
public final class SharedTwins implements BeforeAllCallback, AfterAllCallback {
    private final int threads;
    private final String[] setup;
    private DuckDbTwins twins;

    public SharedTwins(int threads, String... setup) {
        this.threads = threads;
        this.setup = setup;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        twins = DuckDbTwins.open(threads, setup);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (twins != null) twins.close();
        twins = null;
    }

    private DuckDbTwins twins() {
        if (twins == null) throw new IllegalStateException("SharedTwins is used outside the test class it is registered with");
        return twins;
    }

    public Connection teal() {
        return twins().teal();
    }

    public Connection duck() {
        return twins().duck();
    }

    public void assertSameRows(String sql) throws SQLException {
        twins().assertSameRows(sql);
    }

    public void assertBothFail(String sql, String fragment) {
        twins().assertBothFail(sql, fragment);
    }

    public String explain(String sql) throws SQLException {
        return twins().explain(sql);
    }
}
