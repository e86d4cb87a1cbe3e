"""clickhouse-connect (the ClickHouse Python client, from PyPI) against a real `teal serve --http-port`."""
import datetime
import decimal
import json
import uuid

import pytest

clickhouse_connect = pytest.importorskip("clickhouse_connect")
from clickhouse_connect.driver.exceptions import DatabaseError  # noqa: E402


@pytest.fixture(scope="module")
def client(server):
    c = clickhouse_connect.get_client(host=server["host"], port=server["http_port"], username=server["user"],
                                      password=server["password"])
    yield c
    c.close()


def test_connect_handshake(client):
    # get_client already ran SELECT version(), timezone(), system.settings and the protocol probe
    assert client.server_version == "24.10.1.1"
    assert client.command("SELECT 1") == 1
    assert client.command("SELECT currentUser()") == "teal"
    assert client.command("SELECT currentDatabase()") == "default"
    assert client.ping()


def test_wrong_password_is_refused(server):
    with pytest.raises(DatabaseError) as e:
        clickhouse_connect.get_client(host=server["host"], port=server["http_port"], username=server["user"],
                                      password="wrong")
    assert "516" in str(e.value) or "AUTHENTICATION_FAILED" in str(e.value)


def test_query_many_chunks(client):
    r = client.query("SELECT number, number * 2 AS twice, toString(number) AS s FROM numbers(10000)")
    assert r.column_names == ("number", "twice", "s")
    rows = r.result_rows
    assert len(rows) == 10000
    assert rows[0] == (0, 0, "0")
    assert rows[9999] == (9999, 19998, "9999")
    assert sum(x[0] for x in rows) == sum(range(10000))


def test_command_ddl_and_describe(client):
    client.command("DROP TABLE IF EXISTS cc_ddl")
    client.command("CREATE TABLE cc_ddl (id UInt64, name LowCardinality(String), v Nullable(Float64)) "
                   "ENGINE MergeTree ORDER BY id SETTINGS index_granularity = 8192")
    assert client.command("EXISTS TABLE cc_ddl") == 1
    assert client.command("EXISTS TABLE cc_missing") == 0
    d = client.query("DESCRIBE TABLE cc_ddl").result_rows
    assert [(r[0], r[1]) for r in d] == [("id", "UInt64"), ("name", "LowCardinality(String)"), ("v", "Nullable(Float64)")]
    tables = [r[0] for r in client.query("SHOW TABLES").result_rows]
    assert "cc_ddl" in tables
    client.command("DROP TABLE cc_ddl")
    assert client.command("EXISTS TABLE cc_ddl") == 0


def test_insert_and_query_types_round_trip(client):
    client.command("DROP TABLE IF EXISTS cc_types")
    client.command("""CREATE TABLE cc_types (
        i8 Int8, i16 Int16, i32 Int32, i64 Int64, u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64,
        f32 Float32, f64 Float64, b Bool, s String, ns Nullable(String), lc LowCardinality(String),
        d Date, d32 Date32, dt DateTime, dt64 DateTime64(3), dec Decimal(18, 4), u UUID,
        arr Array(Int32), arrs Array(Nullable(String)), m Map(String, Int64), tup Tuple(a Int32, b String)
    ) ENGINE = MergeTree() ORDER BY i32""")
    rows = []
    for k in range(3000):
        rows.append([
            -(k % 128), -k, k * 1000, k * 10_000_000_000, k % 256, k % 65536, k * 7, k * 123_456_789_012,
            k / 4, k / 3, k % 2 == 0, "s%d" % k, None if k % 3 == 0 else "n%d" % k, "lc%d" % (k % 5),
            datetime.date(2020, 1, 1) + datetime.timedelta(days=k), datetime.date(1960, 1, 1) + datetime.timedelta(days=k),
            datetime.datetime(2024, 1, 1, 0, 0, 0) + datetime.timedelta(seconds=k * 61),
            datetime.datetime(2024, 1, 1, 0, 0, 0) + datetime.timedelta(milliseconds=k * 1001),
            decimal.Decimal(k) / decimal.Decimal(16), uuid.UUID(int=k * 0x1000000000000000000000001),
            list(range(k % 4)), ["x", None][: k % 3], {"a": k, "b": -k} if k % 2 else {}, (k, "t%d" % k),
        ])
    client.insert("cc_types", rows)
    assert client.command("SELECT count() FROM cc_types") == 3000
    got = client.query("SELECT * FROM cc_types ORDER BY i32").result_rows
    assert len(got) == 3000
    for want, have in zip(rows, got):
        w = list(want)
        h = list(have)
        # Float32 keeps float precision; Python floats compare after rounding to 32 bits
        assert abs(h[8] - w[8]) < 1e-6 * max(1, abs(w[8]))
        w[8] = h[8] = None
        # a named Tuple comes back as a dict (clickhouse-connect's rule for named tuples)
        w[23] = {"a": w[23][0], "b": w[23][1]}
        assert h == w, (h, w)


def test_native_insert_across_chunks_of_every_encoding(client):
    # 9,000 rows in one Native block: per-value columns (scalars, strings, Nullable of them) are decoded
    # straight into 2048-row chunks, block-wide encodings (LowCardinality, Array) are decoded whole and split;
    # the key arrives in order for the first 6,144 rows and scrambled after that
    client.command("DROP TABLE IF EXISTS cc_chunks")
    client.command("""CREATE TABLE cc_chunks (k Int64, ni Nullable(Int64), nf Nullable(Float64), s String,
        ns Nullable(String), fs FixedString(3), e Enum8('a' = 1, 'b' = 2), t6 DateTime64(6), t9 DateTime64(9, 'UTC'),
        u64 UInt64, lc LowCardinality(Nullable(String)), arr Array(String)) ENGINE = MergeTree ORDER BY k""")
    n = 9000
    keys = list(range(6144)) + [6144 + (j * 7919) % (n - 6144) for j in range(n - 6144)]
    base = datetime.datetime(2024, 3, 1, 12, 0, 0)
    rows = [[k, None if k % 7 == 0 else k * 3, None if k % 11 == 0 else k / 8, "s%d" % k, None if k % 5 == 0 else "n%d" % k,
             ("%03d" % (k % 1000)).encode(), "ab"[k % 2], base + datetime.timedelta(microseconds=k * 1_000_003),
             datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=k),
             k * 2_000_000_000_000, None if k % 13 == 0 else "lc%d" % (k % 9), ["x%d" % j for j in range(k % 3)]] for k in keys]
    client.insert("cc_chunks", rows, settings={"max_insert_block_size": 100000})
    got = client.query("SELECT * FROM cc_chunks ORDER BY k").result_rows
    want = sorted(rows, key=lambda r: r[0])
    assert len(got) == n
    for w, h in zip(want, got):
        h = list(h)
        # the client reads a UTC column as naive datetimes in UTC
        h[8] = h[8].replace(tzinfo=datetime.timezone.utc) if h[8].tzinfo is None else h[8]
        assert h == w, (h, w)
    # the in-order prefix was stored as it came, before the rest
    assert client.command("SELECT max(k) FROM cc_chunks WHERE rowid < 6144") == 6143


def test_omitted_columns_get_defaults(client):
    # as in ClickHouse: a column the insert does not name gets its DEFAULT, NULL when Nullable, else its
    # type's default value; 5,000 rows (three 2048-row chunks)
    client.command("DROP TABLE IF EXISTS cc_defaults")
    client.command("""CREATE TABLE cc_defaults (k Int64, s String, n Nullable(Int32), d Date, dt DateTime64(3),
        arr Array(Int32), f Float64 DEFAULT 1.5, u UInt8, lc LowCardinality(String)) ENGINE = MergeTree ORDER BY k""")
    client.insert("cc_defaults", [[i] for i in range(5000)], column_names=["k"])
    got = client.query("SELECT count(), countIf(s = ''), countIf(n IS NULL), min(d), max(dt), countIf(length(arr) = 0), "
                       "min(f), max(f), sum(u), countIf(lc = '') FROM cc_defaults").result_rows
    assert got == [(5000, 5000, 5000, datetime.date(1970, 1, 1), datetime.datetime(1970, 1, 1), 5000, 1.5, 1.5, 0, 5000)]
    # named columns keep what was sent
    client.insert("cc_defaults", [[9000, "x", 7]], column_names=["k", "s", "n"])
    assert client.query("SELECT s, n, f FROM cc_defaults WHERE k = 9000").result_rows == [("x", 7, 1.5)]


def test_query_df_and_insert_df(client):
    pd = pytest.importorskip("pandas")
    client.command("DROP TABLE IF EXISTS cc_df")
    client.command("CREATE TABLE cc_df (k Int64, name String, x Float64) ENGINE = MergeTree ORDER BY k")
    df = pd.DataFrame({"k": range(5000), "name": ["n%d" % i for i in range(5000)], "x": [i * 0.5 for i in range(5000)]})
    client.insert_df("cc_df", df)
    out = client.query_df("SELECT * FROM cc_df ORDER BY k")
    assert len(out) == 5000
    assert list(out["k"][:3]) == [0, 1, 2]
    assert out["name"][4999] == "n4999"
    assert out["x"].sum() == df["x"].sum()


def test_parameters_and_settings(client):
    r = client.query("SELECT {a:Int32} + 1 AS x, {s:String} AS s", parameters={"a": 41, "s": "it's"})
    assert r.result_rows == [(42, "it's")]
    r = client.query("SELECT number FROM numbers(10) WHERE number > %(lo)s", parameters={"lo": 7}, settings={"max_threads": 2})
    assert [x[0] for x in r.result_rows] == [8, 9]


def test_server_side_parameters_raw(client):
    # {name:Type} bound on the server from param_name (clickhouse-connect binds %(x)s itself)
    r = client.query("SELECT {v:Array(String)} AS a, {d:Date} AS d", parameters={"v": ["a", "b"], "d": datetime.date(2024, 5, 6)},
                     server_side_params=True) if "server_side_params" in client.query.__code__.co_varnames else None
    if r is not None:
        assert r.result_rows == [(["a", "b"], datetime.date(2024, 5, 6))]


def test_clickhouse_functions(client):
    r = client.query("""SELECT countIf(number % 2 = 0) AS evens, sumIf(number, number < 10) AS small, uniqExact(number % 7) AS u,
                        argMax(number, number) AS top, groupArray(number) AS arr, toYYYYMM(toDate('2024-03-05')) AS ym,
                        multiIf(number > 100, 'big', 'small') AS m, if(1 = 1, 'y', 'n') AS i
                        FROM (SELECT number FROM numbers(20)) GROUP BY m""")
    assert r.result_rows == [(10, 45, 7, 19, list(range(20)), 202403, "small", "y")]


def test_errors_are_raised(client):
    with pytest.raises(DatabaseError) as e:
        client.query("SELECT * FROM no_such_table")
    assert "UNKNOWN_TABLE" in str(e.value)
    with pytest.raises(DatabaseError) as e:
        client.command("SELEC 1")
    assert "SYNTAX_ERROR" in str(e.value)
    # the connection still works after errors
    assert client.command("SELECT 2") == 2


def test_insert_is_atomic(client):
    client.command("DROP TABLE IF EXISTS cc_atomic")
    client.command("CREATE TABLE cc_atomic (k Int32 NOT NULL, s String) ENGINE = MergeTree ORDER BY k")
    with pytest.raises(DatabaseError):
        client.command("INSERT INTO cc_atomic FORMAT CSV\n1,a\n2,b\nnot-a-number,c\n")
    assert client.command("SELECT count() FROM cc_atomic") == 0


def session_client(server, session_id):
    return clickhouse_connect.get_client(host=server["host"], port=server["http_port"], username=server["user"],
                                         password=server["password"], session_id=session_id)


def test_sessions_keep_their_transaction(server, client):
    client.command("DROP TABLE IF EXISTS cc_sess")
    client.command("CREATE TABLE cc_sess (x Int32) ENGINE = MergeTree ORDER BY x")
    a = session_client(server, "pytest-session-a")
    b = session_client(server, "pytest-session-b")
    a.command("BEGIN TRANSACTION")
    a.command("INSERT INTO cc_sess VALUES (1), (2), (3)")
    assert a.command("SELECT sum(x) FROM cc_sess") == 6
    assert b.command("SELECT count() FROM cc_sess") == 0
    a.command("COMMIT")
    assert b.command("SELECT sum(x) FROM cc_sess") == 6
    a.close()
    b.close()


def test_session_temporary_tables_are_private(server, client):
    client.command("DROP TABLE IF EXISTS cc_tmp")
    client.command("CREATE TABLE cc_tmp (x Int32) ENGINE = MergeTree ORDER BY x")
    client.command("INSERT INTO cc_tmp SELECT number FROM numbers(3000)")
    a = session_client(server, "pytest-tmp-a")
    b = session_client(server, "pytest-tmp-b")
    a.command("CREATE TEMPORARY TABLE cc_tmp (x Int32)")
    a.command("INSERT INTO cc_tmp SELECT number * 10 FROM numbers(2500)")
    b.command("CREATE TEMPORARY TABLE cc_tmp_b (s String)")
    assert a.command("SELECT sum(x) FROM cc_tmp") == 31237500
    assert b.command("SELECT sum(x) FROM cc_tmp") == 4498500
    assert client.command("SELECT sum(x) FROM cc_tmp") == 4498500
    with pytest.raises(DatabaseError):
        a.command("SELECT count() FROM cc_tmp_b")
    a.close()
    b.close()


def test_error_after_first_bytes_raises(client):
    # fails at row 1.5M, long after the reply started streaming
    with pytest.raises(Exception):
        client.query("SELECT repeat('a', 100) || CAST(CAST(CASE WHEN number = 1500000 THEN 'x' ELSE '1' END AS INTEGER) AS String) AS v "
                     "FROM numbers(2000000)").result_rows
    assert client.command("SELECT 3") == 3


def test_query_arrow_and_insert_arrow(client):
    pa = pytest.importorskip("pyarrow")
    client.command("DROP TABLE IF EXISTS cc_arrow")
    client.command("CREATE TABLE cc_arrow (k Int64, s Nullable(String), x Float64) ENGINE = MergeTree ORDER BY k")
    t = pa.table({"k": pa.array(range(10000), pa.int64()), "s": pa.array([None if i % 5 == 0 else "v%d" % i for i in range(10000)]),
                  "x": pa.array([i * 0.5 for i in range(10000)])})
    client.insert_arrow("cc_arrow", t)
    back = client.query_arrow("SELECT k, s, x FROM cc_arrow ORDER BY k")
    assert back.num_rows == 10000
    assert back.column("k").to_pylist() == t.column("k").to_pylist()
    assert back.column("s").to_pylist() == t.column("s").to_pylist()
    assert back.column("x").to_pylist() == t.column("x").to_pylist()


def test_lz4_insert_with_linked_blocks(server):
    # python-lz4 frames link their 64 KiB blocks: a large insert decodes only if the server keeps the window
    c = clickhouse_connect.get_client(host=server["host"], port=server["http_port"], username=server["user"],
                                      password=server["password"], compress="lz4")
    c.command("CREATE TABLE ch_lz4 (a Int64, s String) ENGINE = MergeTree ORDER BY a")
    c.insert("ch_lz4", [(i, "text value %d %s" % (i, "x" * (i % 50))) for i in range(300000)], column_names=["a", "s"])
    assert c.query("SELECT count(), sum(a), max(length(s)) FROM ch_lz4").result_rows == [(300000, 44999850000, 67)]
    c.command("DROP TABLE ch_lz4")


# ClickHouse keeps an enum's elements in value order; the DDL below lists them otherwise
ENUM_DDL = {"e8": "Enum8('red' = 1, 'green' = 5, 'blue' = -3)", "e16": "Enum16('a' = 1000, 'b' = -2000)"}
EXACT_TYPES = [
    ("e8", "Enum8('blue' = -3, 'red' = 1, 'green' = 5)"),
    ("e16", "Enum16('b' = -2000, 'a' = 1000)"),
    ("fs", "FixedString(4)"),
    ("lcs", "LowCardinality(String)"),
    ("lcn", "LowCardinality(Nullable(String))"),
    ("ip4", "IPv4"),
    ("ip6", "IPv6"),
    ("dtz", "DateTime('Europe/Berlin')"),
    ("dt3", "DateTime64(3, 'UTC')"),
    ("dt9", "DateTime64(9, 'Asia/Tokyo')"),
    ("d", "Date"),
    ("d32", "Date32"),
    ("i256", "Int256"),
    ("u256", "UInt256"),
    ("ni", "Nullable(Int32)"),
    ("ae", "Array(Enum8('x' = 1, 'y' = 2))"),
    ("alc", "Array(LowCardinality(String))"),
    ("mlc", "Map(LowCardinality(String), UInt64)"),
]


def test_exact_type_names_round_trip(server, client):
    import ipaddress
    import zoneinfo
    client.command("DROP TABLE IF EXISTS cc_exact")
    client.command("CREATE TABLE cc_exact (k UInt32, %s) ENGINE = MergeTree ORDER BY k"
                   % ", ".join("%s %s" % (c, ENUM_DDL.get(c, t)) for c, t in EXACT_TYPES))
    # the declared spelling comes back from DESCRIBE and system.columns
    want = [("k", "UInt32")] + EXACT_TYPES
    assert [(r[0], r[1]) for r in client.query("DESCRIBE TABLE cc_exact").result_rows] == want
    assert client.query("SELECT name, type FROM system.columns WHERE table = 'cc_exact' ORDER BY position").result_rows == want
    berlin, tokyo, utc = zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("Asia/Tokyo"), datetime.timezone.utc
    rows = []
    for k in range(3000):
        rows.append([
            k, ["red", "green", "blue"][k % 3], ["a", "b"][k % 2], bytes([k % 256, 1, 2, k % 7]), "lc%d" % (k % 9),
            None if k % 4 == 0 else "n%d" % (k % 3), ipaddress.IPv4Address(0x0A000000 + k * 997),
            ipaddress.IPv6Address((0x20010DB8 << 96) + k * 65537),
            # instants across the DST change, shown in the column's zone
            (datetime.datetime(2024, 3, 30, 12, 0, tzinfo=utc) + datetime.timedelta(seconds=k * 97)).astimezone(berlin),
            # clickhouse-connect returns a UTC column's values naive (utc_tz_aware defaults to False)
            datetime.datetime(2024, 1, 1) + datetime.timedelta(milliseconds=k * 1001),
            (datetime.datetime(2024, 1, 1, tzinfo=utc) + datetime.timedelta(microseconds=k * 1000003)).astimezone(tokyo),
            datetime.date(2000, 1, 1) + datetime.timedelta(days=k), datetime.date(1901, 1, 1) + datetime.timedelta(days=k * 11),
            -(k ** 20) if k % 2 else k ** 19, k ** 20, None if k % 5 == 0 else k,
            ["x", "y"][: k % 3], ["p%d" % (k % 4)] * (k % 3), {"m%d" % (k % 5): k},
        ])
    client.insert("cc_exact", rows)
    result = client.query("SELECT * FROM cc_exact ORDER BY k")
    # result headers carry the declared types (LowCardinality is sent as its plain type, as ClickHouse does
    # with low_cardinality_allow_in_native_format = 0)
    names = [t.name for t in result.column_types]
    assert names[1:4] == [EXACT_TYPES[0][1], EXACT_TYPES[1][1], "FixedString(4)"]
    assert names[6:15] == ["IPv4", "IPv6", "DateTime('Europe/Berlin')", "DateTime64(3, 'UTC')", "DateTime64(9, 'Asia/Tokyo')",
                           "Date", "Date32", "Int256", "UInt256"]
    got = result.result_rows
    assert len(got) == 3000
    for w, h in zip(rows, got):
        assert list(h) == w, (h, w)
    # a value finer than Python's microseconds keeps its nanoseconds
    client.command("INSERT INTO cc_exact (k, e8, e16, fs, lcs, ip4, ip6, dtz, dt3, dt9, d, d32, i256, u256, ae, alc, mlc) VALUES "
                   "(9999, 'red', 'a', 'abcd', 'x', '1.2.3.4', '::1', now(), now(), '2024-05-06 07:08:09.123456789', today(), today(), 1, 2,"
                   " [], [], map())")
    assert client.command("SELECT toString(dt9) FROM cc_exact WHERE k = 9999").endswith(".123456789")
    # a label outside the enum is a clean error
    with pytest.raises(DatabaseError):
        client.command("INSERT INTO cc_exact (k, e8, e16, fs, lcs, ip4, ip6, dtz, dt3, dt9, d, d32, i256, u256, ae, alc, mlc) VALUES "
                       "(10001, 'purple', 'a', 'abcd', 'x', '1.2.3.4', '::1', now(), now(), now(), today(), today(), 1, 2, [], [], map())")
    client.command("DROP TABLE cc_exact")
    assert client.query("SELECT count() FROM system.columns WHERE table = 'cc_exact'").result_rows == [(0,)]


def test_type_names_of_expressions(client):
    r = client.query("SELECT toTypeName(toInt64(1)), toTypeName('a'), toTypeName(CAST(1.5 AS Decimal(18, 2))),"
                     " toTypeName(CAST(['a'] AS Array(String))), toTypeName(CAST('x' AS Enum8('x' = 1, 'y' = 2))), toTypeName(toUInt16(7))")
    assert r.result_rows == [("Int64", "String", "Decimal(18, 2)", "Array(String)", "Enum8('x' = 1, 'y' = 2)", "UInt16")]


def test_databases_resolve_unqualified_names(server, client):
    client.command("DROP DATABASE IF EXISTS cc_db")
    client.command("CREATE DATABASE cc_db")
    client.command("CREATE TABLE cc_db.events (k UInt64, e Enum8('x' = 1, 'y' = 2)) ENGINE = MergeTree ORDER BY k")
    client.command("CREATE TABLE events (k UInt64) ENGINE = MergeTree ORDER BY k")
    other = clickhouse_connect.get_client(host=server["host"], port=server["http_port"], username=server["user"],
                                          password=server["password"], database="cc_db")
    assert other.command("SELECT currentDatabase()") == "cc_db"
    # unqualified names are the database's tables; the declared types are found there too
    other.insert("events", [[i, "xy"[i % 2]] for i in range(5000)])
    assert other.command("SELECT count() FROM events") == 5000
    assert client.command("SELECT count() FROM events") == 0
    assert client.command("SELECT count() FROM cc_db.events") == 5000
    assert [r[1] for r in other.query("DESCRIBE TABLE events").result_rows] == ["UInt64", "Enum8('x' = 1, 'y' = 2)"]
    assert [r[0] for r in other.query("SHOW TABLES").result_rows] == ["events"]
    assert "cc_db" in [r[0] for r in client.query("SHOW DATABASES").result_rows]
    with pytest.raises(DatabaseError) as e:
        clickhouse_connect.get_client(host=server["host"], port=server["http_port"], username=server["user"],
                                      password=server["password"], database="cc_no_such_db").command("SELECT count() FROM events")
    assert "UNKNOWN_DATABASE" in str(e.value)
    other.close()
    client.command("DROP TABLE events")
    client.command("DROP DATABASE cc_db")
    assert "cc_db" not in [r[0] for r in client.query("SHOW DATABASES").result_rows]


def test_text_formats_fixed_strings_datetime64_and_zones(client):
    # text formats in and out: FixedString(N) holds N bytes (NUL-padded), DateTime64(p) prints p digits,
    # DateTime prints none, and a time without an offset is local time of the column's zone
    import zoneinfo
    berlin, tokyo, ny = zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("Asia/Tokyo"), zoneinfo.ZoneInfo("America/New_York")
    client.command("DROP TABLE IF EXISTS cc_text_tz")
    client.command("CREATE TABLE cc_text_tz (id Int32, f FixedString(4), d3 DateTime64(3), dz DateTime64(3, 'Europe/Berlin'),"
                   " dt DateTime('Asia/Tokyo'), dn DateTime64(9, 'America/New_York')) ENGINE = MergeTree ORDER BY id")
    client.raw_insert("cc_text_tz", insert_block=b'{"id":1,"f":"ab","d3":"2024-01-02 03:04:05.678","dz":"2024-01-02 03:04:05.678",'
                                                 b'"dt":"2024-01-02 03:04:05","dn":"2024-07-02 03:04:05.123456789"}\n', fmt="JSONEachRow")
    # explicit offsets and JavaScript dates (UTC) keep their instant
    client.raw_insert("cc_text_tz", insert_block=b"2\tabcd\t2024-01-02 03:04:05.5\t2024-01-02T03:04:05.678Z\t2024-01-02 03:04:05+01:00"
                                                 b"\t2024-12-02 03:04:05.5\n", fmt="TabSeparated")
    # 3,000 rows across chunks, one hour apart, through the winter/summer change in Berlin
    lines = "".join("%d,wxyz,2024-03-30 00:00:00.%03d,%s,2024-03-30 00:00:00,2024-03-30 00:00:00\n"
                    % (10 + k, k % 1000, (datetime.datetime(2024, 3, 30) + datetime.timedelta(minutes=17 * k)).strftime("%Y-%m-%d %H:%M:%S"))
                    for k in range(3000))
    client.raw_insert("cc_text_tz", insert_block=lines.encode(), fmt="CSV")
    rows = client.query("SELECT * FROM cc_text_tz WHERE id < 10 ORDER BY id").result_rows
    assert rows[0] == (1, b"ab\x00\x00", datetime.datetime(2024, 1, 2, 3, 4, 5, 678000),
                       datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=berlin),
                       datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=tokyo), datetime.datetime(2024, 7, 2, 3, 4, 5, 123456, tzinfo=ny))
    assert rows[1] == (2, b"abcd", datetime.datetime(2024, 1, 2, 3, 4, 5, 500000),
                       datetime.datetime(2024, 1, 2, 4, 4, 5, 678000, tzinfo=berlin),
                       datetime.datetime(2024, 1, 2, 11, 4, 5, tzinfo=tokyo), datetime.datetime(2024, 12, 2, 3, 4, 5, 500000, tzinfo=ny))
    for k, row in enumerate(client.query("SELECT dz, toUnixTimestamp(dz) FROM cc_text_tz WHERE id >= 10 ORDER BY id").result_rows):
        local = datetime.datetime(2024, 3, 30) + datetime.timedelta(minutes=17 * k)
        want = local.replace(tzinfo=berlin).timestamp()  # a time in the spring gap counts with the offset before it
        assert (row[0].timestamp(), row[1]) == (want, int(want)), (k, row)
    # and the text formats print them as ClickHouse does
    tsv = client.raw_query("SELECT * FROM cc_text_tz WHERE id < 10 ORDER BY id", fmt="TabSeparated").decode()
    assert tsv == ("1\tab\\0\\0\t2024-01-02 03:04:05.678\t2024-01-02 03:04:05.678\t2024-01-02 03:04:05\t2024-07-02 03:04:05.123456789\n"
                   "2\tabcd\t2024-01-02 03:04:05.500\t2024-01-02 04:04:05.678\t2024-01-02 11:04:05\t2024-12-02 03:04:05.500000000\n")
    js = client.raw_query("SELECT f, dz, dt FROM cc_text_tz WHERE id = 1", fmt="JSONEachRow").decode()
    assert js == '{"f":"ab\\u0000\\u0000","dz":"2024-01-02 03:04:05.678","dt":"2024-01-02 03:04:05"}\n'
    with pytest.raises(DatabaseError) as e:
        client.raw_insert("cc_text_tz", insert_block=b'{"id":3,"f":"abcde"}\n', fmt="JSONEachRow")
    assert "TOO_LARGE_STRING_SIZE" in str(e.value)


def test_json_rows_omitting_keys_get_defaults(client):
    # JSONEachRow: a key a row omits takes the column's default (input_format_defaults_for_omitted_fields),
    # and so does a null for a column that is not Nullable (input_format_null_as_default); 5,000 rows
    client.command("DROP TABLE IF EXISTS cc_json_defaults")
    client.command("CREATE TABLE cc_json_defaults (k Int64, s String DEFAULT 'none', n Nullable(Int32), f Float64 DEFAULT 2.5,"
                   " u UInt8, d Date, lc LowCardinality(Nullable(String))) ENGINE = MergeTree ORDER BY k")
    lines = []
    for k in range(5000):
        row = {"k": k}
        if k % 2:
            row["s"] = "s%d" % k
        if k % 3 == 0:
            row["n"] = k
        if k % 5 == 0:
            row["f"] = None
        elif k % 5 == 1:
            row["f"] = k / 2
        if k % 7 == 0:
            row["lc"] = None
        lines.append(json.dumps(row))
    client.raw_insert("cc_json_defaults", insert_block="\n".join(lines).encode(), fmt="JSONEachRow")
    got = client.query("SELECT k, s, n, f, u, d, lc FROM cc_json_defaults ORDER BY k").result_rows
    assert len(got) == 5000
    for k, row in enumerate(got):
        want = (k, "s%d" % k if k % 2 else "none", k if k % 3 == 0 else None, k / 2 if k % 5 == 1 else 2.5, 0,
                datetime.date(1970, 1, 1), None)
        assert row == want, (k, row)


def test_append_errors_stop_a_streamed_insert(dsn, client):
    # chunks are appended on a second thread while the request is decoded: a storage error there (a
    # PRIMARY KEY given to the table over PostgreSQL, duplicated 8,000 rows into the insert) fails the
    # insert, nothing of it is stored, and the next insert on the connection works
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS cc_pk")
        conn.execute("CREATE TABLE cc_pk (k BIGINT PRIMARY KEY, s VARCHAR NOT NULL)")
    rows = [[k, "s%d" % k] for k in range(10_000)]
    rows[8000][0] = 5
    with pytest.raises(DatabaseError):
        client.insert("cc_pk", rows, column_names=["k", "s"])
    assert client.command("SELECT count() FROM cc_pk") == 0
    rows[8000][0] = 8000
    client.insert("cc_pk", rows, column_names=["k", "s"])
    assert client.query("SELECT count(), sum(k) FROM cc_pk").result_rows == [(10_000, sum(range(10_000)))]


def test_text_nulls_for_non_nullable_columns_get_defaults(server, client):
    # TabSeparated/CSV \N for a column that is not Nullable takes its default (input_format_null_as_default),
    # also inside a session's open transaction
    client.command("DROP TABLE IF EXISTS cc_text_null")
    client.command("CREATE TABLE cc_text_null (k Int64, s String DEFAULT 'dflt', n Nullable(Int32), u UInt16)"
                   " ENGINE = MergeTree ORDER BY k")
    tsv = "".join("%d\t%s\t%s\t%s\n" % (k, "\\N" if k % 2 else "s%d" % k, "\\N" if k % 3 else str(k), "\\N" if k % 5 else "7")
                  for k in range(5000))
    client.raw_insert("cc_text_null", insert_block=tsv.encode(), fmt="TabSeparated")
    got = client.query("SELECT count(), countIf(s = 'dflt'), countIf(n IS NULL), sum(u) FROM cc_text_null").result_rows
    assert got == [(5000, 2500, 5000 - 1667, 7 * 1000)]
    session = clickhouse_connect.get_client(host=server["host"], port=server["http_port"], username=server["user"],
                                            password=server["password"], session_id="cc-text-null")
    session.command("BEGIN TRANSACTION")
    session.raw_insert("cc_text_null", column_names=["k", "s"], insert_block=b"9001\t\\N\n", fmt="TabSeparated")
    session.command("COMMIT")
    assert client.query("SELECT s, n, u FROM cc_text_null WHERE k = 9001").result_rows == [("dflt", None, 0)]


def test_materialized_and_alias_columns(client):
    # MATERIALIZED and ALIAS columns are computed from the others: left out of SELECT * and of inserts
    # without a column list (clickhouse-connect reads DESCRIBE's default_type for that), read when named;
    # 5,000 rows (three 2048-row chunks)
    client.command("DROP TABLE IF EXISTS cc_computed")
    client.command("""CREATE TABLE cc_computed (k Int64, s String, twice Int64 MATERIALIZED k * 2,
        tag String ALIAS concat(s, '#', toString(k)), d Float64 DEFAULT 0.5) ENGINE = MergeTree ORDER BY k""")
    client.insert("cc_computed", [[i, "s%d" % (i % 7), i / 4] for i in range(5000)])
    client.insert("cc_computed", [[5000 + i, "t"] for i in range(3)], column_names=["k", "s"])
    assert client.query("SELECT * FROM cc_computed WHERE k = 5").result_rows == [(5, "s5", 1.25)]
    assert client.query("SELECT * FROM cc_computed LIMIT 0").column_names == ("k", "s", "d")
    rows = client.query("SELECT k, twice, tag, d FROM cc_computed ORDER BY k").result_rows
    assert rows == [(i, 2 * i, "s%d#%d" % (i % 7, i), i / 4) for i in range(5000)] + [(5000 + i, 2 * (5000 + i), "t#%d" % (5000 + i), 0.5)
                                                                                      for i in range(3)]
    assert client.query("SELECT sum(twice), countIf(tag LIKE 's3#%') FROM cc_computed WHERE k < 5000").result_rows == [
        (sum(2 * i for i in range(5000)), len([i for i in range(5000) if i % 7 == 3]))]
    described = [(r[0], r[1], r[2], r[3]) for r in client.query("DESCRIBE TABLE cc_computed").result_rows]
    assert described == [("k", "Int64", "", ""), ("s", "String", "", ""), ("twice", "Int64", "MATERIALIZED", "(k * 2)"),
                         ("tag", "String", "ALIAS", described[3][3]), ("d", "Float64", "DEFAULT", "0.5")]
    assert client.query("SELECT name, default_kind FROM system.columns WHERE table = 'cc_computed' ORDER BY position").result_rows == [
        ("k", ""), ("s", ""), ("twice", "MATERIALIZED"), ("tag", "ALIAS"), ("d", "DEFAULT")]
    for col, kind in (("twice", "MATERIALIZED"), ("tag", "ALIAS")):
        # (clickhouse-connect's insert() refuses such a column itself; a raw insert reaches the server)
        with pytest.raises(DatabaseError) as e:
            client.raw_insert("cc_computed", column_names=["k", col], insert_block=b"1\t2\n", fmt="TabSeparated")
        assert "ILLEGAL_COLUMN" in str(e.value) and "%s, because it is %s column" % (col, kind) in str(e.value), str(e.value)
    assert client.query("SELECT count() FROM cc_computed").result_rows == [(5003,)]


def test_insert_allow_materialized_columns(client):
    # with insert_allow_materialized_columns = 1 a MATERIALIZED column named in the insert keeps the given
    # values (the others are computed); without it the insert fails with ILLEGAL_COLUMN. 5,000 rows
    client.command("DROP TABLE IF EXISTS cc_allow")
    client.command("CREATE TABLE cc_allow (k Int64, twice Int64 MATERIALIZED k * 2, tag String MATERIALIZED toString(k))"
                   " ENGINE = MergeTree ORDER BY k")
    block = "".join("%d\t%d\n" % (i, 7 * i) for i in range(5000)).encode()
    with pytest.raises(DatabaseError) as e:
        client.raw_insert("cc_allow", column_names=["k", "twice"], insert_block=block, fmt="TabSeparated")
    assert "ILLEGAL_COLUMN" in str(e.value), str(e.value)
    client.raw_insert("cc_allow", column_names=["k", "twice"], insert_block=block, fmt="TabSeparated",
                      settings={"insert_allow_materialized_columns": 1})
    assert client.query("SELECT count(), sum(twice), countIf(tag = toString(k)) FROM cc_allow").result_rows == [
        (5000, 7 * sum(range(5000)), 5000)]


def test_alter_table_adds_materialized_and_alias_columns(client):
    # ALTER TABLE … ADD COLUMN … MATERIALIZED/ALIAS: computed for the rows already there and for new ones,
    # hidden from SELECT * and from inserts without a column list, reported by DESCRIBE and system.columns;
    # 5,000 rows before the ALTER and 3 after
    client.command("DROP TABLE IF EXISTS cc_added")
    client.command("CREATE TABLE cc_added (k Int64, s String) ENGINE = MergeTree ORDER BY k")
    client.insert("cc_added", [[i, "s%d" % (i % 7)] for i in range(5000)])
    client.command("ALTER TABLE cc_added ADD COLUMN twice Int64 MATERIALIZED k * 2")
    client.command("ALTER TABLE cc_added ADD COLUMN tag ALIAS concat(s, '#', toString(twice))")
    client.command("ALTER TABLE cc_added ADD COLUMN IF NOT EXISTS twice Int64 MATERIALIZED k * 3")  # kept as it was
    client.insert("cc_added", [[5000 + i, "t"] for i in range(3)])
    assert client.query("SELECT * FROM cc_added LIMIT 0").column_names == ("k", "s")
    rows = client.query("SELECT k, twice, tag FROM cc_added ORDER BY k").result_rows
    assert rows == [(i, 2 * i, "s%d#%d" % (i % 7, 2 * i)) for i in range(5000)] + [(5000 + i, 2 * (5000 + i), "t#%d" % (2 * (5000 + i)))
                                                                                   for i in range(3)]
    described = [(r[0], r[1], r[2]) for r in client.query("DESCRIBE TABLE cc_added").result_rows]
    assert described == [("k", "Int64", ""), ("s", "String", ""), ("twice", "Int64", "MATERIALIZED"), ("tag", "String", "ALIAS")]
    assert client.query("SELECT name, default_kind FROM system.columns WHERE table = 'cc_added' ORDER BY position").result_rows == [
        ("k", ""), ("s", ""), ("twice", "MATERIALIZED"), ("tag", "ALIAS")]
    with pytest.raises(DatabaseError) as e:
        client.raw_insert("cc_added", column_names=["k", "twice"], insert_block=b"1\t2\n", fmt="TabSeparated")
    assert "ILLEGAL_COLUMN" in str(e.value), str(e.value)
    with pytest.raises(DatabaseError) as e:
        client.command("ALTER TABLE cc_added ADD COLUMN bad Int64 MATERIALIZED nope + 1")
    assert "nope" in str(e.value), str(e.value)
    client.command("ALTER TABLE cc_added DROP COLUMN tag")
    assert client.query("SELECT name, default_kind FROM system.columns WHERE table = 'cc_added' ORDER BY position").result_rows == [
        ("k", ""), ("s", ""), ("twice", "MATERIALIZED")]
    assert client.query("SELECT count(), sum(twice) FROM cc_added").result_rows == [(5003, sum(2 * i for i in range(5003)))]


def test_zone_arguments_carry_their_zone_to_the_result(client):
    # toTimeZone(x, 'tz') / toDateTime(text, 'tz') are DateTime('tz') and toStartOfDay of a zoned column a
    # DateTime in its zone, as ClickHouse types them: clickhouse-connect gets zone-aware values there.
    # 3,000 rows 17 minutes apart across Berlin's spring change
    import zoneinfo
    berlin, tokyo = zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("Asia/Tokyo")
    utc = datetime.timezone.utc
    client.command("DROP TABLE IF EXISTS cc_zone_out")
    client.command("CREATE TABLE cc_zone_out (id Int32, b DateTime('Europe/Berlin'), u DateTime) ENGINE = MergeTree ORDER BY id")
    base = datetime.datetime(2024, 3, 30, 12, 0, tzinfo=utc)
    instants = [base + datetime.timedelta(minutes=17 * k) for k in range(3000)]
    client.insert("cc_zone_out", [[k, x, x.replace(tzinfo=None)] for k, x in enumerate(instants)])
    r = client.query("SELECT id, toTimeZone(u, 'Asia/Tokyo') AS tk, toStartOfDay(b) AS day, toHour(toTimeZone(b, 'Asia/Tokyo')) AS h"
                     " FROM cc_zone_out ORDER BY id")
    assert r.column_types[1].name == "DateTime('Asia/Tokyo')" and r.column_types[2].name == "DateTime('Europe/Berlin')"
    for k, (i, tk, day, h) in enumerate(r.result_rows):
        x = instants[k]
        local_day = x.astimezone(berlin).replace(hour=0, minute=0, second=0)
        assert (i, tk, day, h) == (k, x.astimezone(tokyo), local_day, x.astimezone(tokyo).hour), (k, tk, day, h)
        assert tk.utcoffset() == datetime.timedelta(hours=9) and day.tzinfo is not None
    d = client.query("SELECT toDateTime('2024-01-01 00:00:00', 'Europe/Berlin') AS d").result_rows[0][0]
    assert d == datetime.datetime(2024, 1, 1, tzinfo=berlin) and d.astimezone(utc).hour == 23


def test_materialized_values_are_stored_at_insert_and_survive_a_restart(tmp_path):
    # MATERIALIZED columns are computed once, when the row is inserted, and kept: a generateUUIDv4() or
    # rand() column reads the same on every query and after the server restarts on its database file; an
    # ALTER TABLE … UPDATE of a column one reads computes it again (ClickHouse's mutations do), the others
    # keep their values. 5,000 rows inserted with clickhouse-connect (Native)
    import subprocess
    import socket
    import time
    from conftest import ROOT, USER, PASSWORD, free_port

    db = tmp_path / "mat.db"

    def start():
        port, http_port = free_port(), free_port()
        proc = subprocess.Popen([str(ROOT / "teal"), "serve", str(db), "--pg-port", str(port), "--auth", "password",
                                 "--admin-password", PASSWORD, "--http-port", str(http_port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", http_port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.time() < deadline, "teal serve did not start"
                time.sleep(0.2)
        return proc, clickhouse_connect.get_client(host="127.0.0.1", port=http_port, username=USER, password=PASSWORD)

    snapshot = ("SELECT count(), sum(twice), uniqExact(uid), sum(r), toString(min(uid)), sum(length(tag)) FROM mat")
    proc, c = start()
    try:
        c.command("""CREATE TABLE mat (k UInt64, s String, twice UInt64 MATERIALIZED k * 2, uid UUID MATERIALIZED generateUUIDv4(),
            r UInt32 MATERIALIZED rand(), tag String ALIAS concat(s, '#', toString(k))) ENGINE = MergeTree ORDER BY k""")
        c.insert("mat", [[i, "s%d" % (i % 7)] for i in range(5000)])
        assert c.query("SELECT * FROM mat LIMIT 1").column_names == ("k", "s")
        before = c.query(snapshot).result_rows
        assert before[0][:3] == (5000, 2 * sum(range(5000)), 5000)
        assert c.query(snapshot).result_rows == before
    finally:
        c.close()
        proc.terminate()
        assert proc.wait(timeout=60) == 0
    proc, c = start()
    try:
        assert c.query(snapshot).result_rows == before
        uid3 = c.query("SELECT uid FROM mat WHERE k = 3").result_rows[0][0]
        c.command("ALTER TABLE mat UPDATE k = k + 100000 WHERE k < 10")
        assert c.query("SELECT twice, uid, tag FROM mat WHERE k = 100003").result_rows == [(200006, uid3, "s3#100003")]
        assert c.query("SELECT count() FROM mat WHERE twice != k * 2").result_rows == [(0,)]
        assert c.query("SELECT uniqExact(uid), sum(r) FROM mat").result_rows == [(before[0][2], before[0][3])]
    finally:
        c.close()
        proc.terminate()
        assert proc.wait(timeout=60) == 0


def test_date_functions_work_in_the_column_zone(client):
    # toString, formatDateTime, toHour, toDate … of a DateTime('tz') column give that zone's local time, as
    # in ClickHouse; an explicit zone argument converts to that zone. 3,000 rows 17 minutes apart across
    # Berlin's spring change
    import zoneinfo
    berlin, tokyo, ny = zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("Asia/Tokyo"), zoneinfo.ZoneInfo("America/New_York")
    utc = datetime.timezone.utc
    client.command("DROP TABLE IF EXISTS cc_zoned_fn")
    client.command("CREATE TABLE cc_zoned_fn (id Int32, b DateTime('Europe/Berlin'), t DateTime64(3, 'Asia/Tokyo'), u DateTime)"
                   " ENGINE = MergeTree ORDER BY id")
    base = datetime.datetime(2024, 3, 30, 12, 0, tzinfo=utc)
    instants = [base + datetime.timedelta(minutes=17 * k, milliseconds=k % 1000) for k in range(3000)]
    client.insert("cc_zoned_fn", [[k, x, x, x.replace(tzinfo=None, microsecond=0)] for k, x in enumerate(instants)])
    rows = client.query("SELECT id, toString(b), toString(t), formatDateTime(b, '%Y-%m-%d %H'), toHour(b), toDate(t),"
                        " toString(b, 'America/New_York'), toHour(u, 'Asia/Tokyo'), toString(u) FROM cc_zoned_fn ORDER BY id").result_rows
    assert len(rows) == 3000
    for k, x in enumerate(instants):
        xs = x.replace(microsecond=0)
        lb, lt = xs.astimezone(berlin), x.astimezone(tokyo)
        want = (k, lb.strftime("%Y-%m-%d %H:%M:%S"), lt.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (lt.microsecond // 1000),
                lb.strftime("%Y-%m-%d %H"), lb.hour, lt.date(), xs.astimezone(ny).strftime("%Y-%m-%d %H:%M:%S"),
                xs.astimezone(tokyo).hour, xs.strftime("%Y-%m-%d %H:%M:%S"))
        assert rows[k] == want, (k, rows[k], want)
    # the zone follows the column through a qualified name and a join of the table with itself
    got = client.query("SELECT toString(z.b), toString(y.t) FROM cc_zoned_fn AS z JOIN cc_zoned_fn AS y ON y.id = z.id"
                       " WHERE z.id = 0").result_rows
    assert got == [(instants[0].astimezone(berlin).strftime("%Y-%m-%d %H:%M:%S"),
                    instants[0].astimezone(tokyo).strftime("%Y-%m-%d %H:%M:%S.000"))]
