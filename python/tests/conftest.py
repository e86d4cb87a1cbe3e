import pytest

import tealdb


@pytest.fixture
def con():
    c = tealdb.connect()
    yield c
    c.close()


@pytest.fixture
def duck():
    duckdb = pytest.importorskip("duckdb")
    c = duckdb.connect()
    yield c
    c.close()
