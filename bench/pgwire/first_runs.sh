#!/usr/bin/env bash
# The first pipelined executemany of a fresh `teal serve` beside PostgreSQL, interleaved: for each jar given
# (e.g. cli/target/teal.jar and a copy of an older build), N fresh servers each run one executemany of 100k
# two-column INSERTs with psycopg 3; printed: rows/s and the server's CPU seconds for it (start-up excluded).
# JAR@CACHE starts the server with the ahead-of-time cache CACHE (JDK 25+, e.g. one `java -XX:AOTCacheOutput=CACHE
# -cp JAR io.tealdb.server.ServerAotTraining` made, as the teal launcher does); JAR alone starts it without.
#   bench/pgwire/first_runs.sh [-n N] [-p PYTHON] [-g PG_DSN] JAR[@CACHE]...      (-g '': no PostgreSQL)
set -euo pipefail
N=3; PY=python3; PG="host=127.0.0.1 port=55433 user=postgres dbname=postgres"
while getopts "n:p:g:" o; do case $o in n) N=$OPTARG;; p) PY=$OPTARG;; g) PG=$OPTARG;; *) exit 2;; esac; done
shift $((OPTIND - 1))
# the JDK the launcher would pick (JAVA_HOME, else the newest under /usr/lib/jvm)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/java}"
[ -n "$JAVA" ] || JAVA="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -1)"
ONE=$(mktemp); trap 'rm -f "$ONE"' EXIT
cat > "$ONE" <<'PYEOF'
import sys, time, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute("DROP TABLE IF EXISTS bench_many")
    conn.execute("CREATE TABLE bench_many (id BIGINT, s VARCHAR)")
    many = [(i, f"v{i}") for i in range(100_000)]
    t = time.perf_counter()
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO bench_many VALUES (%s, %s)", many)
    print(f"{len(many) / (time.perf_counter() - t):,.0f} rows/s")
    conn.execute("DROP TABLE bench_many")
PYEOF
cpu() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }
echo "load $(cut -d' ' -f1 /proc/loadavg)"
for k in $(seq 1 "$N"); do
  for arg in "$@"; do
    jar=${arg%%@*}
    aot=()
    [ "$jar" = "$arg" ] || aot=(-XX:AOTCache="${arg#*@}" -Xlog:disable -Xlog:all=off)
    port=$((20000 + RANDOM % 20000))
    "$JAVA" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED -Dslf4j.internal.verbosity=ERROR \
        "${aot[@]}" -jar "$jar" serve --pg-port "$port" >/dev/null 2>&1 &
    pid=$!
    for i in $(seq 1 150); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
    sleep 1
    c0=$(cpu $pid); r=$("$PY" "$ONE" "host=127.0.0.1 port=$port user=teal dbname=teal"); c1=$(cpu $pid)
    kill $pid; wait $pid 2>/dev/null || true
    echo "$arg: $r, server cpu $(awk "BEGIN { print $c1 - $c0 }") s"
  done
  [ -z "$PG" ] || echo "postgres: $("$PY" "$ONE" "$PG")"
done
echo "load $(cut -d' ' -f1 /proc/loadavg)"
