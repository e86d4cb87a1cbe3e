"""Starts a real `teal serve` (password auth, SCRAM) on a free loopback port for the client tests."""
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
USER, PASSWORD = "teal", "test-pw"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    port = free_port()
    http_port = free_port()
    log = open(ROOT / "server" / "target" / "pytest-server.log", "w")
    proc = subprocess.Popen([str(ROOT / "teal"), "serve", "--pg-port", str(port), "--auth", "password",
                             "--admin-password", PASSWORD, "--http-port", str(http_port)], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while True:
        try:
            for p in (port, http_port):
                socket.create_connection(("127.0.0.1", p), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError("teal serve did not start; see server/target/pytest-server.log")
            time.sleep(0.2)
    yield {"host": "127.0.0.1", "port": port, "user": USER, "password": PASSWORD, "http_port": http_port}
    proc.terminate()
    assert proc.wait(timeout=60) == 0, "teal serve did not shut down cleanly on SIGTERM"


@pytest.fixture
def dsn(server):
    return "host={host} port={port} user={user} password={password} dbname=teal".format(**server)


@pytest.fixture
def url_args(server):
    return "{user}:{password}@{host}:{port}/teal".format(**server)


@pytest.fixture
def pg_env(server):
    env = dict(os.environ)
    env.update(PGHOST=server["host"], PGPORT=str(server["port"]), PGUSER=server["user"],
               PGPASSWORD=server["password"], PGDATABASE="teal")
    return env
