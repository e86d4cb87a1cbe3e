"""QuestDB's Python client (`questdb` from PyPI) against a real `teal serve --ilp-http-port --ilp-tcp-port`,
rows read back over PostgreSQL with psycopg 3."""
import datetime
import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
import warnings

import numpy as np
import pandas as pd
import psycopg
import pytest

from conftest import ROOT, free_port

warnings.filterwarnings("ignore", category=DeprecationWarning)
from questdb.ingress import IngressError, Sender, TimestampNanos  # noqa: E402


def start_server(name, *args):
    pg, http, tcp = free_port(), free_port(), free_port()
    log = open(ROOT / "server" / "target" / f"pytest-{name}.log", "w")
    cmd = [str(ROOT / "teal"), "serve", "--pg-port", str(pg), "--ilp-http-port", str(http), *args]
    if "--auth" not in args or "--ilp-tcp-auth" in args:
        cmd += ["--ilp-tcp-port", str(tcp)]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", http), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"teal serve did not start; see server/target/pytest-{name}.log")
            time.sleep(0.2)
    return proc, {"pg": pg, "http": http, "tcp": tcp, "log": ROOT / "server" / "target" / f"pytest-{name}.log"}


@pytest.fixture(scope="module")
def ilp():
    proc, ports = start_server("ilp")
    yield ports
    proc.terminate()
    assert proc.wait(timeout=60) == 0


# a P-256 key made for these tests only (openssl ecparam -name prime256v1 -genkey): private scalar d and public point x, y
TCP_KEY_ID = "testUser1"
TCP_D = "rOuoTUkgkz604y5WLgOsWCXOTcQkhOGghzIxeKc8WXg"
TCP_X = "P3bHYZiA92uKgbpRs1GLxw8QNYycgM1Zmftx7Katkuk"
TCP_Y = "g_PSzY_b4i0rv9IINuQnZEiQ9jAZE9ufcVZthcTT7N8"


@pytest.fixture(scope="module")
def ilp_auth():
    keys = ROOT / "server" / "target" / "pytest-ilp-keys.txt"
    keys.write_text(f"{TCP_KEY_ID} ec-p-256-sha256 {TCP_X} {TCP_Y}\n")
    tokens = ROOT / "server" / "target" / "pytest-ilp-tokens.txt"
    tokens.write_text("# name token\ningest py-token-123\n")
    proc, ports = start_server("ilp-auth", "--auth", "password", "--admin-password", "pw-ilp", "--ilp-auto-create", "off",
                               "--ilp-tcp-auth", str(keys), "--ilp-http-tokens", str(tokens))
    yield ports
    proc.terminate()
    assert proc.wait(timeout=60) == 0


def pg(ports, user="teal", password=None):
    dsn = f"host=127.0.0.1 port={ports['pg']} user={user} dbname=teal"
    if password:
        dsn += f" password={password}"
    return psycopg.connect(dsn, autocommit=True)


def query(ports, sql, **kw):
    with pg(ports, **kw) as c:
        return c.execute(sql).fetchall()


def http_conf(ports, extra=""):
    return f"http::addr=127.0.0.1:{ports['http']};{extra}"


def post(ports, body, path="/write", auth=None):
    req = urllib.request.Request(f"http://127.0.0.1:{ports['http']}{path}", data=body, method="POST")
    if auth:
        req.add_header("Authorization", auth)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def wait_for(ports, sql, expected, timeout=30):
    """TCP has no acknowledgement: poll (bounded) until the server committed what was sent."""
    deadline = time.time() + timeout
    while True:
        try:
            got = query(ports, sql)
        except psycopg.errors.UndefinedTable:
            got = None
        if got == expected or time.time() > deadline:
            return got
        time.sleep(0.1)


def test_rows_over_http_are_visible_over_postgres(ilp):
    ts = datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc)
    with Sender.from_conf(http_conf(ilp)) as s:
        s.row("trades", symbols={"sym": "AAPL", "side": "buy"},
              columns={"price": 189.5, "qty": 100, "note": "first, \"quoted\" = x", "ok": True, "fill_ts": ts},
              at=TimestampNanos(1_714_566_600_123_456_789))
        s.row("trades", symbols={"sym": "MSFT"}, columns={"price": 410.25, "qty": -7}, at=ts)
    rows = query(ilp, "SELECT sym, side, price, qty, note, ok, fill_ts, timestamp FROM trades ORDER BY timestamp")
    assert rows == [
        ("MSFT", None, 410.25, -7, None, None, None, datetime.datetime(2024, 5, 1, 12, 30)),
        ("AAPL", "buy", 189.5, 100, 'first, "quoted" = x', True, datetime.datetime(2024, 5, 1, 12, 30),
         datetime.datetime(2024, 5, 1, 12, 30, 0, 123456)),
    ]
    types = dict(query(ilp, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'trades'"))
    # the creating line's timestamp was TimestampNanos (`n`): nanoseconds, as QuestDB >= 9.1 makes it
    assert types == {"sym": "VARCHAR", "side": "VARCHAR", "price": "DOUBLE", "qty": "BIGINT", "note": "VARCHAR",
                     "ok": "BOOLEAN", "fill_ts": "TIMESTAMP", "timestamp": "TIMESTAMP_NS"}
    assert query(ilp, "SELECT CAST(timestamp AS VARCHAR) FROM trades WHERE sym = 'AAPL'") == [("2024-05-01 12:30:00.123456789",)]


def test_protocol_v2_binary_doubles_and_arrays(ilp):
    with Sender.from_conf(http_conf(ilp)) as s:  # negotiates through /settings
        s.row("arrays", symbols={"k": "a"}, columns={"v": 0.1, "a1": np.array([1.5, -2.0, 1e300]),
                                                     "a2": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])},
              at=TimestampNanos(1_000_000_000))
    rows = query(ilp, "SELECT v, len(a1), a1[1], a1[2], a1[3], len(a2), len(a2[1]), a2[1][1], a2[1][3], a2[2][1], a2[2][3] FROM arrays")
    assert rows == [(0.1, 3, 1.5, -2.0, 1e300, 2, 3, 1.0, 3.0, 4.0, 6.0)]
    types = dict(query(ilp, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'arrays'"))
    assert types["a1"] == "DOUBLE[]" and types["a2"] == "DOUBLE[][]"


def test_dataframe_across_several_chunks(ilp):
    n = 10_000
    rng = np.random.default_rng(7)
    df = pd.DataFrame({
        "sym": np.where(np.arange(n) % 3 == 0, "BTC", "ETH"),
        "venue": np.where(np.arange(n) % 2 == 0, "x", "y"),
        "bid": rng.random(n),
        "ask": rng.random(n) + 1.0,
        "size": rng.integers(1, 1000, n),
        "ts": pd.date_range("2024-01-01", periods=n, freq="s"),
    })
    with Sender.from_conf(http_conf(ilp)) as s:
        s.dataframe(df, table_name="quotes", symbols=["sym", "venue"], at="ts")
    got = query(ilp, "SELECT count(*), sum(bid), sum(ask), sum(size), min(timestamp), max(timestamp), "
                     "count(DISTINCT sym) FROM quotes")[0]
    assert got[0] == n
    assert got[1] == pytest.approx(df.bid.sum(), rel=1e-12)
    assert got[2] == pytest.approx(df.ask.sum(), rel=1e-12)
    assert got[3] == int(df["size"].sum())
    assert got[4] == datetime.datetime(2024, 1, 1) and got[5] == df.ts.max().to_pydatetime()
    assert got[6] == 2
    per_sym = dict(query(ilp, "SELECT sym, count(*) FROM quotes GROUP BY sym"))
    assert per_sym == {"BTC": int((df.sym == "BTC").sum()), "ETH": int((df.sym == "ETH").sum())}


def test_transaction_commits_all_rows_at_once(ilp):
    with Sender.from_conf(http_conf(ilp)) as s:
        with s.transaction("txn_t") as txn:
            for i in range(3000):
                txn.row(symbols={"s": "k%d" % (i % 5)}, columns={"i": i}, at=TimestampNanos(i * 1000))
    assert query(ilp, "SELECT count(*), sum(i) FROM txn_t") == [(3000, sum(range(3000)))]


def test_auto_flush_by_rows(ilp):
    with Sender.from_conf(http_conf(ilp, "auto_flush_rows=100;auto_flush_interval=off;")) as s:
        for i in range(250):
            s.row("autoflush", columns={"i": i}, at=TimestampNanos(i))
        # two automatic flushes happened: their 200 rows are durable and visible before the sender closes
        assert query(ilp, "SELECT count(*) FROM autoflush") == [(200,)]
    assert query(ilp, "SELECT count(*) FROM autoflush") == [(250,)]


def test_new_columns_are_added_and_older_rows_read_null(ilp):
    with Sender.from_conf(http_conf(ilp)) as s:
        s.row("grow", columns={"a": 1}, at=TimestampNanos(1))
        s.flush()
        s.row("grow", symbols={"tag": "t"}, columns={"a": 2, "b": 2.5}, at=TimestampNanos(2))
    assert query(ilp, "SELECT a, b, tag FROM grow ORDER BY a") == [(1, None, None), (2, 2.5, "t")]


def test_cast_error_is_raised_with_line_and_nothing_commits(ilp):
    with Sender.from_conf(http_conf(ilp)) as s:
        s.row("typed", columns={"x": 1.0}, at=TimestampNanos(1))
    with pytest.raises(IngressError) as err:
        with Sender.from_conf(http_conf(ilp)) as s:
            s.row("typed", columns={"x": 2.0}, at=TimestampNanos(2))
            s.row("typed", columns={"x": "not a number"}, at=TimestampNanos(3))
    msg = str(err.value)
    assert "error in line 2" in msg and "cast error from protocol type: STRING to column type: DOUBLE" in msg
    assert query(ilp, "SELECT x FROM typed") == [(1.0,)]


def test_one_request_is_one_transaction_across_tables(ilp):
    body = b"multi_a,s=x v=1i 1\nmulti_b v=2.5 2\nmulti_a v=oops 3\n"
    status, headers, reply = post(ilp, body)
    assert status == 400
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    err = json.loads(reply)
    assert set(err) == {"code", "message", "line", "errorId"}
    assert err["code"] == "invalid" and err["line"] == 3 and "error in line 3" in err["message"]
    # the tables were created (schema changes stay, as in QuestDB) but no row of the request committed
    assert query(ilp, "SELECT count(*) FROM multi_a") == [(0,)]
    assert query(ilp, "SELECT count(*) FROM multi_b") == [(0,)]
    status, _, _ = post(ilp, b"multi_a,s=x v=1i 1\nmulti_b v=2.5 2\n")
    assert status == 204
    assert query(ilp, "SELECT count(*) FROM multi_a") == [(1,)] and query(ilp, "SELECT count(*) FROM multi_b") == [(1,)]


def test_http_endpoints_and_precision(ilp):
    with urllib.request.urlopen(f"http://127.0.0.1:{ilp['http']}/settings") as r:
        cfg = json.loads(r.read())["config"]
    assert 2 in cfg["line.proto.support.versions"] and cfg["cairo.max.file.name.length"] == 127
    with urllib.request.urlopen(f"http://127.0.0.1:{ilp['http']}/ping") as r:
        assert r.status == 204 and r.headers["X-Influxdb-Version"]
    assert post(ilp, b"prec v=1 1714566600", path="/api/v2/write?precision=s&org=o&bucket=b")[0] == 204
    assert query(ilp, "SELECT timestamp FROM prec") == [(datetime.datetime(2024, 5, 1, 12, 30),)]
    status, _, reply = post(ilp, b"prec v=1 1", path="/write?precision=fortnight")
    assert status == 400 and json.loads(reply)["code"] == "not supported"
    req = urllib.request.Request(f"http://127.0.0.1:{ilp['http']}/write")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req)
    assert e.value.code == 405


def test_nanosecond_timestamps_kept_in_a_timestamp_ns_table(ilp):
    with pg(ilp) as c:
        c.execute("CREATE TABLE ns_ts (v BIGINT, timestamp TIMESTAMP_NS)")
    with Sender.from_conf(http_conf(ilp)) as s:
        for i in range(3):
            s.row("ns_ts", columns={"v": i}, at=TimestampNanos(1_000_000_123_456_789 + i))
    assert query(ilp, "SELECT v, CAST(timestamp AS VARCHAR) FROM ns_ts ORDER BY v") == [
        (0, "1970-01-12 13:46:40.123456789"), (1, "1970-01-12 13:46:40.12345679"), (2, "1970-01-12 13:46:40.123456791")]


def test_tcp_rows_commit_and_bad_line_closes_connection(ilp):
    with Sender.from_conf(f"tcp::addr=127.0.0.1:{ilp['tcp']};protocol_version=2;") as s:
        for i in range(5000):
            s.row("tcp_rows", symbols={"s": "a"}, columns={"x": float(i)}, at=TimestampNanos(i + 1))
    assert wait_for(ilp, "SELECT count(*), sum(x) FROM tcp_rows", [(5000, float(sum(range(5000))))]) == [(5000, 12497500.0)]

    sock = socket.create_connection(("127.0.0.1", ilp["tcp"]))
    sock.sendall(b"tcp_bad v=1i 1\ntcp_bad v=2i 2\ntcp_bad v=\"str\" 3\ntcp_bad v=4i 4\n")
    sock.settimeout(30)
    assert sock.recv(1) == b""  # the server closed the connection, without replying
    sock.close()
    assert wait_for(ilp, "SELECT v FROM tcp_bad ORDER BY v", [(1,), (2,)]) == [(1,), (2,)]
    log = ilp["log"].read_text()
    assert "tcp_bad" in log and "error in line 3" in log and "cast error" in log


def test_basic_auth_and_auto_create_off(ilp_auth):
    pw = "pw-ilp"
    with pg(ilp_auth, password=pw) as c:
        c.execute("CREATE TABLE metrics (host VARCHAR, cpu DOUBLE, ts TIMESTAMP)")
    with Sender.from_conf(http_conf(ilp_auth, f"username=teal;password={pw};")) as s:
        s.row("metrics", symbols={"host": "h1"}, columns={"cpu": 0.5}, at=TimestampNanos(1_000_000_000))
    assert query(ilp_auth, "SELECT host, cpu, ts FROM metrics", password=pw) == [
        ("h1", 0.5, datetime.datetime(1970, 1, 1, 0, 0, 1))]
    with pytest.raises(IngressError):
        with Sender.from_conf(http_conf(ilp_auth, "username=teal;password=wrong;")) as s:
            s.row("metrics", columns={"cpu": 1.0}, at=TimestampNanos(1))
    status, _, reply = post(ilp_auth, b"metrics cpu=1 1")
    assert status == 401 and reply.strip() == b"Unauthorized"
    with pytest.raises(IngressError) as err:
        with Sender.from_conf(http_conf(ilp_auth, f"username=teal;password={pw};")) as s:
            s.row("unknown_table", columns={"cpu": 1.0}, at=TimestampNanos(1))
    assert "table does not exist: unknown_table" in str(err.value)


def test_bearer_token_over_http(ilp_auth):
    pw = "pw-ilp"
    with pg(ilp_auth, password=pw) as c:
        c.execute("CREATE TABLE tokened (v BIGINT, ts TIMESTAMP)")
    with Sender.from_conf(http_conf(ilp_auth, "token=py-token-123;")) as s:
        for i in range(100):
            s.row("tokened", columns={"v": i}, at=TimestampNanos(1_000 * (i + 1)))
    assert query(ilp_auth, "SELECT count(*), sum(v) FROM tokened", password=pw) == [(100, 4950)]
    with pytest.raises(IngressError):
        with Sender.from_conf(http_conf(ilp_auth, "token=wrong-token;")) as s:
            s.row("tokened", columns={"v": 1}, at=TimestampNanos(1))
    assert query(ilp_auth, "SELECT count(*) FROM tokened", password=pw) == [(100,)]


def test_tcp_key_authentication(ilp_auth):
    pw = "pw-ilp"
    with pg(ilp_auth, password=pw) as c:
        c.execute("CREATE TABLE tcp_authed (i BIGINT, timestamp TIMESTAMP)")
    conf = (f"tcp::addr=127.0.0.1:{ilp_auth['tcp']};username={TCP_KEY_ID};token={TCP_D};"
            f"token_x={TCP_X};token_y={TCP_Y};")
    with Sender.from_conf(conf) as s:  # Python signs with raw r||s (P1363)
        for i in range(100):
            s.row("tcp_authed", columns={"i": i}, at=TimestampNanos(i + 1))
    deadline = time.time() + 30
    while query(ilp_auth, "SELECT count(*) FROM tcp_authed", password=pw) != [(100,)] and time.time() < deadline:
        time.sleep(0.1)
    assert query(ilp_auth, "SELECT count(*), sum(i) FROM tcp_authed", password=pw) == [(100, 4950)]
    # without signing in, the first line is taken as a key id: unknown, so the connection closes
    sock = socket.create_connection(("127.0.0.1", ilp_auth["tcp"]))
    sock.sendall(b"tcp_authed i=1i 1\n")
    sock.settimeout(30)
    assert sock.recv(1) == b""
    sock.close()


def test_dedup_upsert_keys_replace_rows(ilp):
    # QuestDB's DEDUP UPSERT KEYS(timestamp, sym) is a PRIMARY KEY here: a row with the same designated
    # timestamp and keys replaces the stored one (a retried request leaves no duplicates)
    with pg(ilp) as c:
        c.execute("CREATE TABLE dq (sym VARCHAR, px DOUBLE, src VARCHAR, timestamp TIMESTAMP, PRIMARY KEY (timestamp, sym))")
    base = 1_700_000_000_000_000_000
    def send(px):
        with Sender.from_conf(http_conf(ilp)) as s:
            for i in range(6000):
                s.row("dq", symbols={"sym": "s%d" % (i % 3)}, columns={"px": px + i, "src": "a"},
                      at=TimestampNanos(base + (i // 3) * 1_000_000_000))
    send(0.0)
    assert query(ilp, "SELECT count(*), sum(px) FROM dq") == [(6000, sum(range(6000)) * 1.0)]
    send(0.5)  # the same keys again: replaced, not added
    assert query(ilp, "SELECT count(*), sum(px) FROM dq") == [(6000, sum(range(6000)) + 3000.0)]
    # within one request the last row of a key wins; a new key is added
    with Sender.from_conf(http_conf(ilp)) as s:
        s.row("dq", symbols={"sym": "s0"}, columns={"px": 1.0, "src": "first"}, at=TimestampNanos(base))
        s.row("dq", symbols={"sym": "s0"}, columns={"px": 2.0, "src": "last"}, at=TimestampNanos(base))
        s.row("dq", symbols={"sym": "new"}, columns={"px": 3.0, "src": "x"}, at=TimestampNanos(base))
    assert query(ilp, "SELECT sym, px, src FROM dq WHERE timestamp = to_timestamp(1700000000) ORDER BY sym") == [
        ("new", 3.0, "x"), ("s0", 2.0, "last"), ("s1", 1.5, "a"), ("s2", 2.5, "a")]
    assert query(ilp, "SELECT count(*) FROM dq") == [(6001,)]
