"""asyncpg (binary protocol throughout, its own type codecs, prepared statements, copy) against a real `teal serve`."""
import asyncio
import datetime
import decimal
import uuid

import asyncpg
import pytest


def run(coro):
    return asyncio.run(coro)


async def connect(server):
    return await asyncpg.connect(host=server["host"], port=server["port"], user=server["user"],
                                 password=server["password"], database="teal")


def test_fetch_types_and_binary_parameters(server):
    async def body():
        c = await connect(server)
        try:
            assert await c.fetchval("SELECT 1") == 1
            rows = await c.fetch("SELECT i, 'x' || i AS s FROM range(5000) t(i) ORDER BY i")
            assert len(rows) == 5000 and rows[4999]["s"] == "x4999" and rows[0]["i"] == 0
            await c.execute("CREATE OR REPLACE TABLE apg (a INT, b VARCHAR, c DOUBLE, d TIMESTAMP, e DECIMAL(10,2), "
                            "f BOOLEAN, g DATE, h UUID, k BIGINT[], m TIMESTAMPTZ)")
            u = uuid.UUID("12345678-1234-5678-1234-567812345678")
            ts = datetime.datetime(2024, 1, 1, 12, 30, 15, 123456)
            tz = datetime.datetime(2024, 6, 1, 8, 0, tzinfo=datetime.timezone.utc)
            # asyncpg sends every parameter in binary, in the types of our ParameterDescription
            await c.executemany("INSERT INTO apg VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                [(i, f"s{i}", i / 2, ts, decimal.Decimal("1.25"), i % 2 == 0, datetime.date(2024, 1, 2), u,
                                  [i, None, i + 1], tz) for i in range(3000)])
            assert await c.fetchval("SELECT count(*) FROM apg") == 3000
            r = await c.fetchrow("SELECT * FROM apg WHERE a = $1", 5)
            assert tuple(r) == (5, "s5", 2.5, ts, decimal.Decimal("1.25"), False, datetime.date(2024, 1, 2), u, [5, None, 6], tz)
            assert await c.fetchval("SELECT count(*) FROM apg WHERE a = ANY($1)", [1, 2, 3, 99999]) == 3
            assert await c.fetchval("SELECT $1::VARCHAR[]", ["a,b", None, 'q"uote']) == ["a,b", None, 'q"uote']
            assert await c.fetchval("SELECT [1, 2, 3]") == [1, 2, 3]
            assert await c.fetchval("SELECT $1::TIMESTAMP", ts) == ts
        finally:
            await c.close()
    run(body())


def test_transactions_cursors_copy_and_errors(server):
    async def body():
        c = await connect(server)
        try:
            await c.execute("CREATE OR REPLACE TABLE apg_t (a INT, b VARCHAR)")
            async with c.transaction():
                await c.execute("INSERT INTO apg_t VALUES (1, 'one')")
            with pytest.raises(asyncpg.PostgresSyntaxError):
                async with c.transaction():
                    await c.execute("INSERT INTO apg_t VALUES (2, 'two')")
                    await c.execute("SELEKT")
            assert await c.fetchval("SELECT count(*) FROM apg_t") == 1
            async with c.transaction():
                cur = await c.cursor("SELECT i FROM range(10000) t(i) ORDER BY i")
                first = await cur.fetch(3)
                assert [r["i"] for r in first] == [0, 1, 2]
                assert (await cur.fetchrow())["i"] == 3
            n = await c.copy_records_to_table("apg_t", records=[(i, f"r{i}") for i in range(5000)])
            assert n == "COPY 5000"
            assert await c.fetchval("SELECT count(*) FROM apg_t") == 5001
            with pytest.raises(asyncpg.UndefinedTableError):
                await c.fetch("SELECT * FROM no_such_table")
            stmt = await c.prepare("SELECT a FROM apg_t WHERE b = $1")
            assert await stmt.fetchval("r42") == 42
        finally:
            await c.close()
    run(body())
