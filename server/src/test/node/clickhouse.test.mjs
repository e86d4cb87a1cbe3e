// ClickHouse's Node.js client (@clickhouse/client) against a real `teal serve --http-port` on loopback, password
// auth (the client sends HTTP Basic). Every test reads back through the same client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '@clickhouse/client';
import { freePort, startServe, stopServe } from './teal-serve.mjs';

const PASSWORD = 'node-pw';
let server;
let client;
let url;

before(async () => {
  const pg = await freePort();
  const http = await freePort();
  server = await startServe(['--pg-port', String(pg), '--http-port', String(http), '--auth', 'password',
    '--admin-password', PASSWORD], 'node-clickhouse-server.log', http);
  url = `http://127.0.0.1:${http}`;
  client = createClient({ url, username: 'teal', password: PASSWORD });
});

after(async () => {
  await client.close();
  await stopServe(server);
});

test('ping, version and a wrong password', async () => {
  assert.equal((await client.ping()).success, true);
  const rs = await client.query({ query: 'SELECT version() AS v, 1 + 1 AS two', format: 'JSONEachRow' });
  const rows = await rs.json();
  assert.equal(rows.length, 1);
  assert.equal(rows[0].two, 2);
  assert.match(rows[0].v, /^\d+\.\d+/);
  const bad = createClient({ url, username: 'teal', password: 'wrong' });
  await assert.rejects(bad.query({ query: 'SELECT 1', format: 'JSONEachRow' }), (e) => e.code === '516' && /AUTHENTICATION_FAILED|password/i.test(e.message));
  await bad.close();
});

test('DDL, insert of objects (JSONEachRow) and of arrays (JSONCompactEachRow), query in several formats', async () => {
  await client.command({ query: 'DROP TABLE IF EXISTS node_ch' });
  await client.command({
    query: `CREATE TABLE node_ch (id UInt32, name String, price Float64, ts DateTime64(3), tags Array(String),
            flag Bool, n Nullable(Int64)) ENGINE = MergeTree ORDER BY id`,
  });
  const values = [];
  for (let i = 0; i < 5000; i++) {
    values.push({ id: i, name: `name ${i}`, price: i / 4, ts: `2024-01-01 00:00:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`,
      tags: i % 3 === 0 ? [] : ['a', `t${i % 7}`], flag: i % 2 === 0, n: i % 5 === 0 ? null : i * 10 });
  }
  await client.insert({ table: 'node_ch', values, format: 'JSONEachRow' });
  await client.insert({ table: 'node_ch', values: [[5000, 'last', 1.5, '2024-02-01 10:00:00.250', ['z'], true, -1]], format: 'JSONCompactEachRow' });

  let rs = await client.query({ query: 'SELECT count() AS c, sum(id) AS s, countIf(n IS NULL) AS nulls, sum(length(tags)) AS tags FROM node_ch', format: 'JSONEachRow' });
  // 64-bit integers travel as strings in JSON (output_format_json_quote_64bit_integers), as from ClickHouse
  assert.deepEqual(await rs.json(), [{ c: '5001', s: '12502500', nulls: '1000', tags: '6667' }]);

  rs = await client.query({ query: 'SELECT id, name, price, ts, tags, flag, n FROM node_ch WHERE id IN (7, 5000) ORDER BY id', format: 'JSONEachRow' });
  assert.deepEqual(await rs.json(), [
    { id: 7, name: 'name 7', price: 1.75, ts: '2024-01-01 00:00:07.007', tags: ['a', 't0'], flag: false, n: '70' },
    { id: 5000, name: 'last', price: 1.5, ts: '2024-02-01 10:00:00.250', tags: ['z'], flag: true, n: '-1' },
  ]);

  rs = await client.query({ query: 'SELECT id, name FROM node_ch WHERE id < 3 ORDER BY id', format: 'CSVWithNames' });
  assert.equal(await rs.text(), '"id","name"\n0,"name 0"\n1,"name 1"\n2,"name 2"\n');

  rs = await client.query({ query: 'SELECT id, name FROM node_ch WHERE id < 2 ORDER BY id', format: 'JSON' });
  const json = await rs.json();
  assert.deepEqual(json.data, [{ id: 0, name: 'name 0' }, { id: 1, name: 'name 1' }]);
  assert.deepEqual(json.meta, [{ name: 'id', type: 'UInt32' }, { name: 'name', type: 'String' }]);
  assert.equal(json.rows, 2);
});

test('streaming a result larger than one buffer (JSONCompactEachRow, row by row)', async () => {
  const rs = await client.query({ query: 'SELECT number AS n, toString(number) AS s FROM system.numbers LIMIT 200000', format: 'JSONCompactEachRow' });
  let count = 0;
  let sum = 0n;
  for await (const rows of rs.stream()) {
    for (const row of rows) {
      const [n, s] = row.json();
      assert.equal(String(n), s);
      sum += BigInt(n);
      count++;
    }
  }
  assert.equal(count, 200000);
  assert.equal(sum, 19999900000n);
});

test('query parameters, settings and gzip both ways', async () => {
  const rs = await client.query({
    query: 'SELECT {a: UInt32} AS x, {s: String} AS s, {d: Date} AS d',
    query_params: { a: 41, s: "it's", d: '2024-03-05' },
    format: 'JSONEachRow',
  });
  assert.deepEqual(await rs.json(), [{ x: 41, s: "it's", d: '2024-03-05' }]);

  const gz = createClient({ url, username: 'teal', password: PASSWORD, compression: { request: true, response: true } });
  await gz.command({ query: 'CREATE TABLE IF NOT EXISTS node_gz (k String, v Int64) ENGINE = MergeTree ORDER BY k' });
  const values = Array.from({ length: 20000 }, (_, i) => ({ k: `key-${i % 100}`, v: i }));
  await gz.insert({ table: 'node_gz', values, format: 'JSONEachRow' });
  const r = await gz.query({ query: 'SELECT k, sum(v) AS s FROM node_gz GROUP BY k ORDER BY k LIMIT 2', format: 'JSONEachRow',
    clickhouse_settings: { max_threads: 2 } });
  assert.deepEqual(await r.json(), [{ k: 'key-0', s: '1990000' }, { k: 'key-1', s: '1990200' }]);
  await gz.close();
});

test('a session keeps its temporary table', async () => {
  const s = createClient({ url, username: 'teal', password: PASSWORD, session_id: `node-${process.pid}` });
  await s.command({ query: 'CREATE TEMPORARY TABLE node_tmp (x Int32)' });
  await s.insert({ table: 'node_tmp', values: [{ x: 1 }, { x: 2 }], format: 'JSONEachRow' });
  const rs = await s.query({ query: 'SELECT sum(x) AS s FROM node_tmp', format: 'JSONEachRow' });
  assert.deepEqual(await rs.json(), [{ s: '3' }]);
  await s.close();
});

test('errors reject with ClickHouse codes and the server keeps serving', async () => {
  await assert.rejects(client.query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' }),
    (e) => e.code === '60' && e.type === 'UNKNOWN_TABLE');
  await assert.rejects(client.query({ query: 'SELEC 1', format: 'JSONEachRow' }), (e) => e.code === '62' && e.type === 'SYNTAX_ERROR');
  await assert.rejects(client.insert({ table: 'node_ch', values: [{ id: 'not a number' }], format: 'JSONEachRow' }), (e) => e.code !== undefined);
  await assert.rejects(client.command({ query: 'SELECT throwIf(number = 3) FROM system.numbers LIMIT 10' }), (e) => e.code !== undefined);
  const rs = await client.query({ query: 'SELECT count() AS c FROM node_ch', format: 'JSONEachRow' });
  assert.deepEqual(await rs.json(), [{ c: '5001' }]);
});
