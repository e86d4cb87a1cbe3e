"""psycopg 3 against a real teal serve: types both ways, pipelines, COPY, transactions, errors, cancel."""
import datetime
import decimal
import threading
import uuid
from decimal import Decimal

import psycopg
import pytest
from psycopg import errors, sql

ROWS = [
    (i, i * 3_000_000_000, i / 8, f"name {i} ü", datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
     datetime.datetime(2021, 2, 3, 4, 5, 6, 250000) + datetime.timedelta(seconds=i), Decimal(i) / 4, bytes([i % 256, 0, 255]),
     i % 2 == 0, datetime.timedelta(days=i, seconds=5))
    for i in range(5000)
]


def make_table(conn, name):
    conn.execute(f"DROP TABLE IF EXISTS {name}")
    conn.execute(f"""CREATE TABLE {name} (i INTEGER PRIMARY KEY, b BIGINT, d DOUBLE, s VARCHAR, dt DATE, ts TIMESTAMP,
                     n DECIMAL(12, 2), bl BLOB, f BOOLEAN, iv INTERVAL)""")


def test_types_round_trip_text_and_binary(dsn):
    with psycopg.connect(dsn) as conn:
        make_table(conn, "rt")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO rt VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", ROWS)
        conn.commit()
        for binary in (False, True):
            with conn.cursor(binary=binary) as cur:
                cur.execute("SELECT * FROM rt ORDER BY i")
                got = cur.fetchall()
                assert got == ROWS, f"binary={binary}"
        with conn.cursor() as cur:
            cur.execute("SELECT NULL::INTEGER, NULL::VARCHAR, %s::VARCHAR, %s", (None, "x"))
            assert cur.fetchone() == (None, None, None, "x")


def test_executemany_pipeline_is_atomic_per_sync(dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE em (k INTEGER PRIMARY KEY, v VARCHAR)")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO em VALUES (%s, %s)", [(k, str(k)) for k in range(20000)])
            assert conn.execute("SELECT count(*), sum(k) FROM em").fetchone() == (20000, sum(range(20000)))
            with pytest.raises(errors.UniqueViolation):
                cur.executemany("INSERT INTO em VALUES (%s, %s)", [(-1, "a"), (5, "dup"), (-2, "b")])
        assert conn.execute("SELECT count(*) FROM em WHERE k < 0").fetchone() == (0,)
        with conn.pipeline():
            cur = conn.cursor()
            for k in range(100):
                cur.execute("INSERT INTO em VALUES (%s, %s)", (100000 + k, "p"))
            cur.execute("SELECT count(*) FROM em WHERE v = %s", ("p",))
        assert cur.fetchone() == (100,)


def test_copy_from_and_to_stdout(dsn):
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE cp3 (id INTEGER, name VARCHAR, price DECIMAL(10, 2), note VARCHAR, bl BLOB)")
        with conn.cursor() as cur:
            # bytes travel as PostgreSQL's bytea text (\\x0102...) inside COPY's text format
            with cur.copy("COPY cp3 (id, name, price, note, bl) FROM STDIN") as cp:
                for i in range(30000):
                    cp.write_row((i, f"tab\there {i}", Decimal(i) / 100, None if i % 7 == 0 else "line\nbreak",
                                  bytes([i % 256, 0, 255, 92])))
            assert cur.rowcount == 30000
        conn.commit()
        assert conn.execute("SELECT bl FROM cp3 WHERE id = 300").fetchone() == (bytes([300 % 256, 0, 255, 92]),)
        with conn.cursor() as cur:
            rows = []
            with cur.copy("COPY (SELECT id, name, price, note FROM cp3 ORDER BY id) TO STDOUT") as cp:
                cp.set_types(["int4", "text", "numeric", "text"])
                rows = list(cp.rows())
            assert len(rows) == 30000
            assert rows[7] == (7, "tab\there 7", Decimal("0.07"), None)
            assert rows[8] == (8, "tab\there 8", Decimal("0.08"), "line\nbreak")
            with cur.copy("COPY (SELECT id, name FROM cp3 WHERE id < 2 ORDER BY id) TO STDOUT (FORMAT csv, HEADER)") as cp:
                data = b"".join(bytes(block) for block in cp)
            assert data == b'id,name\n0,tab\there 0\n1,tab\there 1\n'
        # a failing COPY changes nothing and the connection stays usable
        with pytest.raises(errors.InvalidTextRepresentation):
            with conn.cursor() as cur:
                with cur.copy("COPY cp3 (id, name) FROM STDIN (FORMAT csv)") as cp:
                    cp.write(b"1,a\nnot-a-number,b\n")
        conn.rollback()
        assert conn.execute("SELECT count(*) FROM cp3").fetchone() == (30000,)


def test_transaction_status_and_failed_block(dsn):
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE tx (k INTEGER PRIMARY KEY)")
        conn.commit()
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        conn.execute("INSERT INTO tx VALUES (1)")
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
        with pytest.raises(errors.UniqueViolation):
            conn.execute("INSERT INTO tx VALUES (1)")
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
        with pytest.raises(errors.InFailedSqlTransaction):
            conn.execute("SELECT 1")
        conn.rollback()
        assert conn.execute("SELECT count(*) FROM tx").fetchone() == (0,)
        with conn.transaction():
            conn.execute("INSERT INTO tx VALUES (2)")
            with pytest.raises(errors.UndefinedTable):
                with conn.transaction():  # a savepoint
                    conn.execute("SELECT * FROM nowhere")
            conn.execute("INSERT INTO tx VALUES (3)")
        assert conn.execute("SELECT sum(k) FROM tx").fetchone() == (5,)


def test_temporary_tables_belong_to_their_connection(dsn):
    # each connection is a session with its own temp catalog (as a DuckDB connection): a temporary
    # table shadows the table of the same name for its own connection only and ends with it
    with psycopg.connect(dsn, autocommit=True) as a, psycopg.connect(dsn, autocommit=True) as b:
        a.execute("CREATE TABLE pg3_tmp AS SELECT range AS i FROM range(5000)")
        a.execute("CREATE TEMP TABLE pg3_tmp AS SELECT range * 10 AS i FROM range(3000)")
        a.execute("CREATE TEMP SEQUENCE pg3_seq START 7")
        assert a.execute("SELECT count(*), sum(i) FROM pg3_tmp").fetchone() == (3000, 44985000)
        assert b.execute("SELECT count(*), sum(i) FROM pg3_tmp").fetchone() == (5000, 12497500)
        with pytest.raises(errors.UndefinedTable):
            b.execute("SELECT * FROM temp.pg3_tmp")
        with pytest.raises(psycopg.Error):
            b.execute("SELECT nextval('pg3_seq')")
        assert a.execute("SELECT nextval('pg3_seq')").fetchone() == (7,)
        with a.transaction():
            a.execute("CREATE TEMP TABLE pg3_rolled (x INTEGER)")
            a.execute("INSERT INTO pg3_tmp VALUES (1)")
            a.execute("INSERT INTO main.pg3_tmp VALUES (1)")  # main.x finds the temporary table first, as in DuckDB
            a.execute("INSERT INTO memory.pg3_tmp VALUES (-1)")  # the database's table, written besides the temp one
            raise psycopg.Rollback()
        with pytest.raises(errors.UndefinedTable):
            a.execute("SELECT * FROM pg3_rolled")
        assert a.execute("SELECT count(*) FROM pg3_tmp").fetchone() == (3000,)
        assert b.execute("SELECT count(*) FROM pg3_tmp").fetchone() == (5000,)
    with psycopg.connect(dsn, autocommit=True) as c:
        assert c.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM pg3_tmp").fetchone() == (5000,)
        c.execute("DROP TABLE pg3_tmp")


def test_errors_have_sqlstate_and_position(dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        with pytest.raises(errors.UndefinedTable) as e:
            conn.execute("SELECT a FROM missing_table")
        assert e.value.diag.statement_position == "15"
        with pytest.raises(errors.SyntaxError):
            conn.execute("SELEKT 1")
        with pytest.raises(errors.UndefinedColumn):
            conn.execute("SELECT no_such_column FROM (SELECT 1 AS a) t")
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_settings_and_parameter_status(dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.info.parameter_status("server_version") == "15.0"
        assert conn.info.parameter_status("client_encoding") == "UTF8"
        conn.execute("SET TimeZone TO 'Europe/Paris'")
        assert conn.info.parameter_status("TimeZone") == "Europe/Paris"
        assert conn.execute("SHOW timezone").fetchone() == ("Europe/Paris",)
        assert conn.execute("SHOW transaction isolation level").fetchone() == ("read committed",)
        with pytest.raises(errors.InvalidParameterValue):
            conn.execute("SET DateStyle TO 'German'")
        assert "PostgreSQL 15.0" in conn.execute("SELECT pg_catalog.version()").fetchone()[0]


def test_large_result_streams_in_both_formats(dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        for binary in (False, True):
            cur = conn.cursor(binary=binary)
            cur.execute("SELECT i, i * 0.5 AS h, 'v' || i AS s FROM range(300000) t(i)")
            n = total = 0
            for i, h, s in cur:
                n += 1
                total += i
            assert (n, total) == (300000, sum(range(300000)))


def test_cancel_interrupts_running_query(dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        timer = threading.Timer(1.0, conn.cancel)
        timer.start()
        try:
            with pytest.raises(errors.QueryCanceled):
                conn.execute("SELECT count(*) FROM range(100000000000) a(x) WHERE x % 7 = 3")
        finally:
            timer.cancel()
        assert conn.execute("SELECT 42").fetchone() == (42,)


def test_statement_timeout(dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET statement_timeout = '300ms'")
        with pytest.raises(errors.QueryCanceled):
            conn.execute("SELECT count(*) FROM range(100000000000) a(x) WHERE x % 7 = 3")
        conn.execute("SET statement_timeout = 0")
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_wrong_password_and_unknown_database(server):
    base = "host={host} port={port} user={user}".format(**server)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(base + " password=wrong dbname=teal")
    with pytest.raises(psycopg.OperationalError, match="does not exist"):
        psycopg.connect(base + " password=" + server["password"] + " dbname=nosuchdb")


def test_users_created_with_sql_can_log_in(server, dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE USER bob WITH PASSWORD 'b0b pw'")
    with psycopg.connect(host=server["host"], port=server["port"], user="bob", password="b0b pw", dbname="teal") as c:
        assert c.execute("SELECT 2").fetchone() == (2,)


def test_lists_uuid_timestamptz_and_unsigned_in_text_and_binary(dsn):
    import datetime
    import uuid
    from decimal import Decimal

    q = ("SELECT [1, 2, NULL] a, ['x', 'a b', '', NULL, 'q\"', 'NULL'] b, [1.5, 2.5]::DOUBLE[] c, []::INTEGER[] d, "
         "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID u, TIMESTAMPTZ '2024-01-01 10:00:00+02' tz, 200::UTINYINT ut, "
         "18446744073709551615::UBIGINT ub, ['2024-01-01'::DATE] dates, TIMESTAMP_NS '2024-01-01 10:00:00.123456789' ns, "
         "TIMETZ '10:00:00+02' ttz, ARRAY(SELECT x FROM range(3) t(x) ORDER BY x DESC) arr")
    expected = ([1, 2, None], ["x", "a b", "", None, 'q"', "NULL"], [1.5, 2.5], [],
                uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                datetime.datetime(2024, 1, 1, 8, 0, tzinfo=datetime.timezone.utc), 200, Decimal("18446744073709551615"),
                [datetime.date(2024, 1, 1)], datetime.datetime(2024, 1, 1, 10, 0, 0, 123456),
                datetime.time(10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))), [2, 1, 0])
    with psycopg.connect(dsn) as c:
        for binary in (False, True):
            row = c.cursor(binary=binary).execute(q).fetchone()
            assert row == expected, binary
        # a list column over several chunks, NULL lists among them
        rows = c.cursor(binary=True).execute(
            "SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE [i, i + 1] END FROM range(5000) t(i) ORDER BY i").fetchall()
        assert rows[7] == (None,) and rows[4999] == ([4999, 5000],)


def test_session_settings_reach_the_engine(dsn):
    with psycopg.connect(dsn, autocommit=True) as c:
        assert c.execute("SELECT current_setting('jit'), current_setting('DateStyle')").fetchone() == ("off", "ISO, MDY")
        assert c.execute("SELECT set_config('jit', 'on', false)").fetchone() == ("on",)
        assert c.execute("SELECT current_setting('jit')").fetchone() == ("on",)
        # TimeZone set over the protocol is the engine's zone for TIMESTAMPTZ arithmetic and casts
        c.execute("SET TimeZone = 'America/New_York'")
        assert c.execute("SELECT (TIMESTAMPTZ '2024-01-01 12:00:00+00')::TIMESTAMP").fetchone() == (
            datetime.datetime(2024, 1, 1, 7, 0),)
        c.execute("SET TimeZone = 'UTC'")
        assert c.execute("SELECT (TIMESTAMPTZ '2024-01-01 12:00:00+00')::TIMESTAMP").fetchone() == (
            datetime.datetime(2024, 1, 1, 12, 0),)
        # TIMESTAMPTZ text is written in the session's TimeZone, as PostgreSQL writes it
        c.execute("SET TimeZone = 'Asia/Kolkata'")
        v = c.execute("SELECT TIMESTAMPTZ '2024-01-01 12:00:00+00'").fetchone()[0]
        assert v.utcoffset() == datetime.timedelta(hours=5, minutes=30)
        assert v == datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)
        with c.cursor() as cur:
            with cur.copy("COPY (SELECT TIMESTAMPTZ '2024-01-01 12:00:00+00' AS t) TO STDOUT") as cp:
                assert b"".join(bytes(x) for x in cp) == b"2024-01-01 17:30:00+05:30\n"


def test_binary_copy_from_stdin(dsn):
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("CREATE OR REPLACE TABLE bcopy (i INT, b BIGINT, d DOUBLE, s VARCHAR, t TIMESTAMP, n NUMERIC(10, 2), dt DATE)")
        ts = datetime.datetime(2024, 3, 1, 10, 30)
        rows = [(i, i * 10_000_000_000, i / 4, None if i % 5 == 0 else f"row {i}", ts, decimal.Decimal("12.50"),
                 datetime.date(2024, 1, 1)) for i in range(6000)]
        with c.cursor().copy("COPY bcopy FROM STDIN (FORMAT binary)") as cp:
            cp.set_types(["int4", "int8", "float8", "text", "timestamp", "numeric", "date"])
            for r in rows:
                cp.write_row(r)
        assert c.execute("SELECT count(*), count(s), sum(i), max(b) FROM bcopy").fetchone() == (6000, 4800, sum(range(6000)), 5999 * 10_000_000_000)
        assert c.execute("SELECT * FROM bcopy WHERE i = 7").fetchone() == rows[7]
        # a stream that is not PGCOPY is an error for that statement only; nothing was loaded
        with pytest.raises(psycopg.errors.BadCopyFileFormat):
            with c.cursor().copy("COPY bcopy FROM STDIN (FORMAT binary)") as cp:
                cp.write(b"not a binary copy stream at all")
        assert c.execute("SELECT count(*) FROM bcopy").fetchone() == (6000,)


def test_one_settings_registry_over_the_wire(dsn):
    with psycopg.connect(dsn, autocommit=True) as a, psycopg.connect(dsn, autocommit=True) as b:
        # SET over the protocol and the engine's current_setting/duckdb_settings/pg_settings see one value
        a.execute("SET application_name = 'etl-job'")
        assert a.info.parameter_status("application_name") == "etl-job"
        assert a.execute("SELECT current_setting('application_name')").fetchone() == ("etl-job",)
        assert a.execute("SELECT setting FROM pg_settings WHERE name = 'application_name'").fetchone() == ("etl-job",)
        assert b.execute("SELECT current_setting('application_name')").fetchone() == ("",)
        # a database-wide setting changes for every connection
        a.execute("SET threads = 2")
        assert b.execute("SELECT value, scope FROM duckdb_settings() WHERE name = 'threads'").fetchone() == ("2", "GLOBAL")
        a.execute("SET statement_timeout = '2s'")
        assert a.execute("SHOW statement_timeout").fetchone() == ("2000",)
        # bad values, unknown names and read-only settings: PostgreSQL's SQLSTATEs, nothing changed
        with pytest.raises(errors.InvalidParameterValue):
            a.execute("SET threads = 'lots'")
        with pytest.raises(errors.UndefinedObject):
            a.execute("SET no_such_setting = 1")
        with pytest.raises(errors.CantChangeRuntimeParam):
            a.execute("SET server_version = '16'")
        assert a.execute("SELECT current_setting('threads')").fetchone() == ("2",)
        # RESET ALL returns session settings to their defaults and reports the change
        a.execute("RESET ALL")
        assert a.info.parameter_status("application_name") == ""
        assert a.execute("SHOW statement_timeout").fetchone() == ("0",)


def test_json_values_and_json_build_object(dsn):
    with psycopg.connect(dsn) as c:
        for binary in (False, True):
            row = c.cursor(binary=binary).execute(
                "SELECT '{\"a\": [1, 2], \"b\": null}'::JSON, json_build_object('k', 1, 'l', [1, 2]), "
                "[json_object('x', 1)]").fetchone()
            assert row == ({"a": [1, 2], "b": None}, {"k": 1, "l": [1, 2]}, [{"x": 1}]), binary


def test_scrollable_cursors_move_like_postgresql(dsn):
    # psycopg's scrollable named cursors: DECLARE … SCROLL CURSOR, scroll(), FETCH PRIOR/ABSOLUTE/BACKWARD
    n = 9000  # several chunks
    with psycopg.connect(dsn) as c:
        with c.cursor(name="sc", scrollable=True) as cur:
            cur.execute("SELECT i, 'v' || i AS s FROM range(%s) t(i) ORDER BY i", (n,))
            assert [r[0] for r in cur.fetchmany(3)] == [0, 1, 2]
            cur.scroll(5000)  # relative: MOVE 5000
            assert cur.fetchone() == (5003, "v5003")
            cur.scroll(-4, mode="relative")
            assert cur.fetchone() == (5000, "v5000")
            cur.scroll(0, mode="absolute")
            assert cur.fetchone() == (0, "v0")
            cur.scroll(n - 1, mode="absolute")
            assert cur.fetchone() == (n - 1, "v%d" % (n - 1))
            assert cur.fetchone() is None
            # the session runs other statements while the cursor stays where it is
            assert c.execute("SELECT 42").fetchone() == (42,)
        c.execute("DECLARE raw SCROLL CURSOR FOR SELECT i FROM range(%d) t(i) ORDER BY i" % n)
        assert c.execute("FETCH LAST FROM raw").fetchall() == [(n - 1,)]
        assert c.execute("FETCH PRIOR FROM raw").fetchall() == [(n - 2,)]
        assert c.execute("FETCH ABSOLUTE 2049 FROM raw").fetchall() == [(2048,)]
        assert c.execute("FETCH BACKWARD 3 FROM raw").fetchall() == [(2047,), (2046,), (2045,)]
        assert c.execute("FETCH RELATIVE 0 FROM raw").fetchall() == [(2045,)]
        assert c.execute("FETCH ABSOLUTE -2 FROM raw").fetchall() == [(n - 2,)]
        assert c.execute("FETCH FIRST FROM raw").fetchall() == [(0,)]
        assert c.execute("FETCH BACKWARD ALL FROM raw").fetchall() == []
        back = c.execute("FETCH FORWARD 2100 FROM raw").fetchall()
        assert [r[0] for r in back] == list(range(2100))
        assert [r[0] for r in c.execute("FETCH BACKWARD ALL FROM raw").fetchall()] == list(range(2098, -1, -1))
        cur = c.execute("MOVE ABSOLUTE 100 FROM raw")
        assert cur.statusmessage == "MOVE 1"
        c.execute("CLOSE raw")
        # a cursor declared without SCROLL reads forward only, as in PostgreSQL
        c.execute("DECLARE fwd CURSOR FOR SELECT 1")
        with pytest.raises(errors.ObjectNotInPrerequisiteState):
            c.execute("FETCH PRIOR FROM fwd")


def test_server_side_cursors(dsn):
    # psycopg's named cursors: DECLARE … CURSOR, FETCH FORWARD n, MOVE, CLOSE
    with psycopg.connect(dsn) as c:
        with c.cursor(name="big") as cur:
            cur.itersize = 1000
            cur.execute("SELECT i, 'v' || i AS s FROM range(25000) t(i) ORDER BY i")
            assert cur.fetchone() == (0, "v0")
            assert [r[0] for r in cur.fetchmany(3)] == [1, 2, 3]
            # another statement in the same transaction while the cursor is open
            assert c.execute("SELECT count(*) FROM range(10)").fetchone() == (10,)
            rest = cur.fetchall()
            assert len(rest) == 25000 - 4 and rest[-1] == (24999, "v24999")
        c.execute("DECLARE raw CURSOR FOR SELECT i FROM range(100) t(i) ORDER BY i")
        c.execute("MOVE FORWARD 10 FROM raw")
        assert c.execute("FETCH 3 FROM raw").fetchall() == [(10,), (11,), (12,)]
        c.execute("CLOSE raw")
        with pytest.raises(errors.InvalidCursorName):
            c.execute("FETCH 1 FROM raw")
    with psycopg.connect(dsn, autocommit=True) as c:
        # outside a transaction only WITH HOLD cursors are allowed; they outlive the statement's commit
        with pytest.raises(errors.NoActiveSqlTransaction):
            c.execute("DECLARE nohold CURSOR FOR SELECT 1")
        with c.cursor(name="held", withhold=True) as cur:
            cur.execute("SELECT i FROM range(5000) t(i) ORDER BY i")
            assert len(cur.fetchall()) == 5000
