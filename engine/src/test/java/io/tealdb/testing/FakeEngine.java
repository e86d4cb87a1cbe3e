package io.tealdb.testing;

import io.tealdb.error.BinderException;
import io.tealdb.session.ClientContext;
import io.tealdb.session.Database;
import io.tealdb.session.QueryResult;
import io.tealdb.session.TableAppender;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the engine (test scope only): answers registered statements with hand-built
 * chunks and records everything the API asks of it. Statements that are not registered and look
 * like DDL/DML succeed with no result set; unregistered queries fail with a BinderException.
 */
public final class FakeEngine implements Database {
    /** A canned answer: column names/types and rows of canonical values (see io.tealdb.types.Value). */
    public record Answer(List<String> names, List<LogicalType> types, List<Object[]> rows, long updateCount) {
        public static Answer rows(List<String> names, List<LogicalType> types, Object[]... rows) {
            return new Answer(names, types, List.of(rows), -1);
        }

        public static Answer update(long count) {
            return new Answer(List.of(), List.of(), List.of(), count);
        }
    }

    /** One call to execute/prepare-execute: the SQL and its parameters. */
    public record Call(String sql, List<Value> params) {
    }

    public final Map<String, Answer> answers = new HashMap<>();
    public final Map<String, List<LogicalType>> tables = new HashMap<>();
    public final List<Call> executed = new ArrayList<>();
    public final List<List<List<Value>>> batches = new ArrayList<>();
    public final List<DataChunk> appended = new ArrayList<>();
    public final List<Context> contexts = new ArrayList<>();
    public int appenderCloses;
    public boolean closed;
    /** Rows per chunk the fake produces (to test multi-chunk results). */
    public int chunkSize = DataChunk.CAPACITY;

    public FakeEngine answer(String sql, Answer a) {
        answers.put(sql, a);
        return this;
    }

    public List<String> executedSql() {
        return executed.stream().map(Call::sql).toList();
    }

    @Override
    public ClientContext connect() {
        Context c = new Context();
        contexts.add(c);
        return c;
    }

    @Override
    public void close() {
        closed = true;
    }

    QueryResult resultFor(String sql, List<Value> params) {
        executed.add(new Call(sql, params));
        Answer a = answers.get(sql);
        if (a == null) {
            String first = sql.stripLeading().toUpperCase();
            if (first.startsWith("SELECT") || first.startsWith("WITH") || first.startsWith("VALUES") || first.startsWith("FROM")) {
                int pos = sql.indexOf("nosuch");
                throw new BinderException("Referenced column \"nosuch\" not found in FROM clause!", pos);
            }
            a = Answer.update(-1);
        }
        return new Result(a, chunkSize);
    }

    /** A result streaming canned rows in chunks. */
    public static final class Result implements QueryResult {
        private final Answer answer;
        private final int chunkSize;
        private int next;
        public boolean closed;

        Result(Answer answer, int chunkSize) {
            this.answer = answer;
            this.chunkSize = chunkSize;
        }

        @Override
        public List<String> columnNames() {
            return answer.names();
        }

        @Override
        public List<LogicalType> columnTypes() {
            return answer.types();
        }

        @Override
        public DataChunk nextChunk() {
            if (next >= answer.rows().size()) {
                return null;
            }
            int n = Math.min(chunkSize, answer.rows().size() - next);
            DataChunk chunk = new DataChunk(answer.types(), n);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < answer.types().size(); c++) {
                    chunk.column(c).setObject(r, answer.rows().get(next + r)[c]);
                }
            }
            chunk.setSize(n);
            next += n;
            return chunk;
        }

        @Override
        public long updateCount() {
            return answer.updateCount();
        }

        @Override
        public boolean hasResultSet() {
            return !answer.names().isEmpty();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    public final class Context implements ClientContext {
        public boolean transaction;
        public int interrupts;
        public double progress = -1;
        public boolean closed;
        @Override
        public QueryResult execute(String sql, List<Value> params) {
            String s = sql.trim().toUpperCase();
            if (s.startsWith("BEGIN")) {
                transaction = true;
            } else if (s.startsWith("COMMIT") || s.startsWith("ROLLBACK")) {
                transaction = false;
            }
            return resultFor(sql, params);
        }

        @Override
        public PreparedQuery prepare(String sql) {
            int count = (int) sql.chars().filter(ch -> ch == '?').count();
            Answer a = answers.get(sql);
            return new PreparedQuery() {
                @Override
                public int parameterCount() {
                    return count;
                }

                @Override
                public List<LogicalType> parameterTypes() {
                    List<LogicalType> t = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        t.add(LogicalType.INTEGER);
                    }
                    return t;
                }

                @Override
                public List<String> columnNames() {
                    return a == null ? List.of() : a.names();
                }

                @Override
                public List<LogicalType> columnTypes() {
                    return a == null ? List.of() : a.types();
                }

                @Override
                public QueryResult execute(List<Value> params) {
                    return resultFor(sql, params);
                }

                @Override
                public long[] executeBatch(List<List<Value>> rows) {
                    batches.add(rows);
                    long[] counts = new long[rows.size()];
                    java.util.Arrays.fill(counts, 1);
                    return counts;
                }
            };
        }

        @Override
        public TableAppender appender(String schema, String table) {
            List<LogicalType> types = tables.get(schema + "." + table);
            if (types == null) {
                throw new io.tealdb.error.CatalogException("Table with name " + table + " does not exist!");
            }
            return new TableAppender() {
                @Override
                public List<LogicalType> types() {
                    return types;
                }

                @Override
                public void append(DataChunk chunk) {
                    appended.add(chunk);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                    appenderCloses++;
                }
            };
        }

        @Override
        public void interrupt() {
            interrupts++;
        }

        @Override
        public double progress() {
            return progress;
        }

        @Override
        public boolean inTransaction() {
            return transaction;
        }

        @Override
        public ClientContext duplicate() {
            return connect();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
