// node-postgres (`pg`, with pg-cursor and pg-query-stream) against a real `teal serve` on a loopback port with
// password auth (node-postgres answers SCRAM-SHA-256 itself). Queries with parameters use the extended protocol;
// queries without go through the simple protocol, as node-postgres sends them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import Cursor from 'pg-cursor';
import QueryStream from 'pg-query-stream';
import { freePort, startServe, stopServe } from './teal-serve.mjs';

const PASSWORD = 'node-pg-pw';
let server;
let config;
let client;



async function connected(extra = {}) {
  const c = new pg.Client({ ...config, ...extra });
  await c.connect();
  return c;
}

before(async () => {
  const port = await freePort();
  server = await startServe(['--pg-port', String(port), '--auth', 'password', '--admin-password', PASSWORD],
    'node-pg-server.log', port);
  config = { host: '127.0.0.1', port, user: 'teal', password: PASSWORD, database: 'teal' };
  client = await connected();
});

after(async () => {
  await client.end();
  assert.equal(await stopServe(server), 0, 'teal serve did not shut down cleanly on SIGTERM');
});

test('connect with SCRAM, server version, and a wrong password is 28P01', async () => {
  const { rows } = await client.query('SELECT version() AS v, current_user AS u');
  assert.match(rows[0].v, /^PostgreSQL 15\.\d/);
  assert.equal(rows[0].u, 'teal');
  const bad = new pg.Client({ ...config, password: 'wrong' });
  await assert.rejects(bad.connect(), (e) => e.code === '28P01' && /password authentication failed/.test(e.message));
});

test('parameters of every kind, named prepared statements and row mode array', async () => {
  const r = await client.query('SELECT $1::INTEGER + 1 AS a, $2::VARCHAR || \'!\' AS b, $3::DOUBLE * 2 AS c, $4::BOOLEAN AS d, $5::INTEGER IS NULL AS e',
    [41, 'hi', 1.25, true, null]);
  assert.deepEqual(r.rows, [{ a: 42, b: 'hi!', c: 2.5, d: true, e: true }]);
  assert.deepEqual(r.fields.map((f) => f.name), ['a', 'b', 'c', 'd', 'e']);
  // uninferred parameters ($1 compared with a column) take the column's type
  await client.query('CREATE OR REPLACE TABLE node_params (id INTEGER, name VARCHAR)');
  await client.query('INSERT INTO node_params SELECT i, \'n\' || i FROM range(5000) t(i)');
  const named = { name: 'by_id', text: 'SELECT name FROM node_params WHERE id = $1', values: [4321] };
  assert.deepEqual((await client.query(named)).rows, [{ name: 'n4321' }]);
  // the same named statement again: node-postgres Binds it without a second Parse
  assert.deepEqual((await client.query({ ...named, values: [7] })).rows, [{ name: 'n7' }]);
  const arr = await client.query({ text: 'SELECT id, name FROM node_params WHERE id < $1 ORDER BY id', values: [3], rowMode: 'array' });
  assert.deepEqual(arr.rows, [[0, 'n0'], [1, 'n1'], [2, 'n2']]);
  const big = await client.query('SELECT count(*) AS n, sum(id) AS s FROM node_params WHERE name LIKE $1', ['n1%']);
  assert.equal(big.rows[0].n, '1111');
  assert.equal(big.rows[0].s, String([...Array(5000).keys()].filter((i) => String(i).startsWith('1')).reduce((a, b) => a + b, 0)));
  const ins = await client.query('INSERT INTO node_params VALUES ($1, $2), ($3, $4)', [9001, 'x', 9002, null]);
  assert.equal(ins.command, 'INSERT');
  assert.equal(ins.rowCount, 2);
  const upd = await client.query('UPDATE node_params SET name = $1 WHERE id >= $2', ['y', 9000]);
  assert.equal(upd.rowCount, 2);
  assert.deepEqual((await client.query('SELECT count(*)::INTEGER AS n FROM node_params WHERE name = $1', ['y'])).rows, [{ n: 2 }]);
});

test('types: int8, numeric, timestamptz, date, json, arrays, bytea, uuid, interval', async () => {
  await client.query('SET TimeZone = \'America/New_York\'');
  try {
    const { rows, fields } = await client.query(`SELECT 9007199254740993::BIGINT AS i8, 12.3400::DECIMAL(10,4) AS num,
        TIMESTAMPTZ '2024-03-10 12:34:56.789+00' AS tstz, DATE '2024-02-29' AS d, TIMESTAMP '2024-01-02 03:04:05.5' AS ts,
        '{"a": [1, 2, {"b": null}], "c": "x"}'::JSON AS j, [1, NULL, 3] AS ints, ['a b', 'x"y', NULL, ''] AS strs,
        '\\x00\\xFF\\x10'::BLOB AS bin, '6f1c0e4a-5a2b-4c1d-9e8f-0123456789ab'::UUID AS u, INTERVAL '1 year 2 months 3 days 04:05:06' AS iv,
        2.5::REAL AS f4, -0.125::DOUBLE AS f8, 32767::SMALLINT AS i2`);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f.dataTypeID]));
    assert.deepEqual(byName, { i8: 20, num: 1700, tstz: 1184, d: 1082, ts: 1114, j: 114, ints: 1007, strs: 1009, bin: 17, u: 2950,
      iv: 1186, f4: 700, f8: 701, i2: 21 });
    const r = rows[0];
    assert.equal(r.i8, '9007199254740993'); // node-postgres leaves int8 as a string (no precision loss)
    assert.equal(r.num, '12.3400');
    assert.ok(r.tstz instanceof Date);
    assert.equal(r.tstz.toISOString(), '2024-03-10T12:34:56.789Z');
    assert.deepEqual(r.j, { a: [1, 2, { b: null }], c: 'x' });
    assert.deepEqual(r.ints, [1, null, 3]);
    assert.deepEqual(r.strs, ['a b', 'x"y', null, '']);
    assert.ok(Buffer.isBuffer(r.bin));
    assert.deepEqual([...r.bin], [0x00, 0xff, 0x10]);
    assert.equal(r.u, '6f1c0e4a-5a2b-4c1d-9e8f-0123456789ab');
    assert.deepEqual({ ...r.iv }, { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 });
    assert.equal(r.f4, 2.5);
    assert.equal(r.f8, -0.125);
    assert.equal(r.i2, 32767);
    // date and timestamp (no zone) are read by node-postgres as local time of the client
    assert.equal(r.d.getFullYear(), 2024);
    assert.equal(r.d.getMonth(), 1);
    assert.equal(r.d.getDate(), 29);
    assert.equal(r.ts.getHours(), 3);
    assert.equal(r.ts.getMilliseconds(), 500);
    // timestamptz text is in the session's zone: -04 after the DST switch in New York
    const text = await client.query({ text: 'SELECT TIMESTAMPTZ \'2024-03-10 12:34:56.789+00\'::VARCHAR AS s', rowMode: 'array' });
    assert.equal(text.rows[0][0], '2024-03-10 08:34:56.789-04');
  } finally {
    await client.query('RESET TimeZone');
  }
});

test('typed parameters round-trip through a table: Date, Buffer, JSON objects, arrays, uuid, numeric strings, int8 strings', async () => {
  await client.query(`CREATE OR REPLACE TABLE node_types (id BIGINT, n DECIMAL(20,5), ts TIMESTAMPTZ, j JSON, tags VARCHAR[], nums INTEGER[],
      b BLOB, u UUID)`);
  const when = new Date(Date.UTC(2023, 6, 14, 9, 26, 53, 589));
  const values = [];
  for (let i = 0; i < 300; i++) {
    values.push([String(2n ** 40n + BigInt(i)), `${i}.12345`, new Date(when.getTime() + i * 1000), { i, s: `v${i}` }, [`t${i}`, 'x y'],
      [i, i + 1], Buffer.from([i % 256, 0, 255]), `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`]);
  }
  await client.query('BEGIN');
  for (const v of values) {
    await client.query('INSERT INTO node_types VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', v);
  }
  await client.query('COMMIT');
  const { rows } = await client.query('SELECT * FROM node_types ORDER BY id');
  assert.equal(rows.length, 300);
  rows.forEach((r, i) => {
    const v = values[i];
    assert.equal(r.id, v[0]);
    assert.equal(r.n, v[1]);
    assert.equal(r.ts.getTime(), v[2].getTime());
    assert.deepEqual(r.j, v[3]);
    assert.deepEqual(r.tags, v[4]);
    assert.deepEqual(r.nums, v[5]);
    assert.deepEqual([...r.b], [...v[6]]);
    assert.equal(r.u, v[7]);
  });
  const hit = await client.query('SELECT id FROM node_types WHERE u = $1 AND b = $2', [values[17][7], values[17][6]]);
  assert.deepEqual(hit.rows, [{ id: values[17][0] }]);
});

// node-postgres' `binary: true` mode is not tested: its parser decodes DataRow fields as UTF-8 text before the binary
// decoders see them, so any byte >= 0x80 is mangled (int4 128 reads as 239) and an array with a NULL element loops
// forever; PostgreSQL 15's own answers fail the same way (checked). psycopg, pgjdbc and asyncpg cover binary results.

test('errors carry SQLSTATE, position and leave the connection usable', async () => {
  await assert.rejects(client.query('SELEC 1'), (e) => e.code === '42601' && e.position === '1');
  await assert.rejects(client.query('SELECT * FROM no_such_table'), (e) => e.code === '42P01' && Number(e.position) > 0);
  await assert.rejects(client.query('SELECT CAST($1 AS VARCHAR)::INTEGER', ['12x']), (e) => e.code === '22P02');
  await assert.rejects(client.query('SELECT no_such_function(1)'), (e) => e.code === '42883');
  await assert.rejects(client.query('SELECT $1::INTEGER', ['abc']), (e) => e.code === '22P02');
  await client.query('CREATE OR REPLACE TABLE node_pk (id INTEGER PRIMARY KEY)');
  await client.query('INSERT INTO node_pk VALUES (1)');
  await assert.rejects(client.query('INSERT INTO node_pk VALUES ($1)', [1]), (e) => e.code === '23505');
  assert.deepEqual((await client.query('SELECT 1 AS ok')).rows, [{ ok: 1 }]);
});

test('transactions: commit, rollback, aborted block (25P02), multi-statement simple query', async () => {
  await client.query('CREATE OR REPLACE TABLE node_tx (id INTEGER)');
  await client.query('BEGIN');
  await client.query('INSERT INTO node_tx VALUES ($1)', [1]);
  await client.query('COMMIT');
  await client.query('BEGIN');
  await client.query('INSERT INTO node_tx VALUES ($1)', [2]);
  await client.query('ROLLBACK');
  await client.query('BEGIN');
  await client.query('INSERT INTO node_tx VALUES (3)');
  await assert.rejects(client.query('SELECT * FROM node_tx_missing'), (e) => e.code === '42P01');
  await assert.rejects(client.query('SELECT 1'), (e) => e.code === '25P02');
  await client.query('ROLLBACK');
  assert.deepEqual((await client.query('SELECT id FROM node_tx ORDER BY id')).rows, [{ id: 1 }]);
  // a string of several statements (no parameters) is one simple query: one result per statement
  const results = await client.query('INSERT INTO node_tx VALUES (10), (11); SELECT count(*)::INTEGER AS n FROM node_tx; SELECT 2 AS two');
  assert.equal(results.length, 3);
  assert.equal(results[0].rowCount, 2);
  assert.deepEqual(results[1].rows, [{ n: 3 }]);
  assert.deepEqual(results[2].rows, [{ two: 2 }]);
  // a failing statement in the string rolls back the whole string (one implicit transaction)
  await assert.rejects(client.query('INSERT INTO node_tx VALUES (20); SELECT \'x\'::INTEGER'), (e) => e.code === '22P02');
  assert.deepEqual((await client.query('SELECT count(*)::INTEGER AS n FROM node_tx')).rows, [{ n: 3 }]);
});

test('a pool of connections runs queries concurrently', async () => {
  const pool = new pg.Pool({ ...config, max: 8 });
  try {
    const sums = await Promise.all([...Array(40).keys()].map((i) =>
      pool.query('SELECT sum(x)::BIGINT AS s FROM range($1::BIGINT) t(x)', [10000 + i])));
    sums.forEach((r, i) => assert.equal(r.rows[0].s, String(((10000 + i) * (10000 + i - 1)) / 2)));
  } finally {
    await pool.end();
  }
});

test('pg-cursor reads a large result in batches (Execute with a row limit)', async () => {
  const c = await connected();
  try {
    const cursor = c.query(new Cursor('SELECT x, \'row \' || x AS s FROM range($1::BIGINT) t(x) ORDER BY x', [25000]));
    let seen = 0;
    let batches = 0;
    for (;;) {
      const rows = await cursor.read(4096);
      if (rows.length === 0) break;
      batches++;
      for (const r of rows) {
        assert.equal(r.x, String(seen));
        assert.equal(r.s, `row ${seen}`);
        seen++;
      }
    }
    assert.equal(seen, 25000);
    assert.equal(batches, Math.ceil(25000 / 4096));
    await cursor.close();
    // the connection is fine after the cursor
    assert.deepEqual((await c.query('SELECT 5 AS five')).rows, [{ five: 5 }]);
  } finally {
    await c.end();
  }
});

test('pg-query-stream streams rows, and closing a cursor early frees it', async () => {
  const c = await connected();
  try {
    const stream = c.query(new QueryStream('SELECT x FROM range(100000) t(x)', [], { batchSize: 1000 }));
    let n = 0;
    let sum = 0n;
    for await (const row of stream) {
      n++;
      sum += BigInt(row.x);
    }
    assert.equal(n, 100000);
    assert.equal(sum, 4999950000n);
    const cursor = c.query(new Cursor('SELECT x FROM range(50000) t(x)'));
    assert.equal((await cursor.read(10)).length, 10);
    await cursor.close();
    assert.deepEqual((await c.query('SELECT count(*)::INTEGER AS n FROM range(3)')).rows, [{ n: 3 }]);
  } finally {
    await c.end();
  }
});
