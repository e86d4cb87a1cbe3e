// QuestDB's Node.js client (@questdb/nodejs-client) against a real `teal serve` on loopback ports; rows are read
// back with psql. Node accepts only 204 from /write and fails Sender.fromConfig unless /settings answers 2xx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Sender } from '@questdb/nodejs-client';
import { freePort, startServe, stopServe } from './teal-serve.mjs';

let server;
const ports = {};

function psql(sql) {
  return execFileSync('psql', ['-h', '127.0.0.1', '-p', String(ports.pg), '-U', 'teal', '-d', 'teal', '-tAc', sql],
    { encoding: 'utf8' }).trim();
}

async function waitFor(sql, expected) {
  const deadline = Date.now() + 30000;
  let got;
  while (Date.now() < deadline) {
    try { got = psql(sql); } catch { got = undefined; }
    if (got === expected) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  return got;
}

before(async () => {
  ports.pg = await freePort();
  ports.http = await freePort();
  ports.tcp = await freePort();
  server = await startServe(['--pg-port', String(ports.pg), '--ilp-http-port', String(ports.http),
    '--ilp-tcp-port', String(ports.tcp)], 'node-ilp-server.log', ports.http);
});

after(async () => {
  await stopServe(server);
});

test('rows over HTTP with every column type', async () => {
  const sender = await Sender.fromConfig(`http::addr=127.0.0.1:${ports.http}`);
  for (let i = 0; i < 1000; i++) {
    await sender.table('node_trades').symbol('sym', i % 2 ? 'BTC-USD' : 'ETH-USD')
      .floatColumn('price', i + 0.5).intColumn('qty', i).stringColumn('note', `n${i}`).booleanColumn('hot', i % 3 === 0)
      .at(BigInt(1700000000000000000n) + BigInt(i) * 1000n, 'ns');
  }
  await sender.flush();
  await sender.close();
  assert.equal(psql('SELECT count(*), sum(qty), sum(price), count(*) FILTER (WHERE hot) FROM node_trades'), '1000|499500|500000|334');
  assert.equal(psql("SELECT sym, note, timestamp FROM node_trades WHERE qty = 1"), 'BTC-USD|n1|2023-11-14 22:13:20.000001');
});

test('a cast error rejects the flush with QuestDB\'s message', async () => {
  const sender = await Sender.fromConfig(`http::addr=127.0.0.1:${ports.http}`);
  await sender.table('node_typed').floatColumn('x', 1).atNow();
  await sender.flush();
  await sender.table('node_typed').stringColumn('x', 'text').atNow();
  await assert.rejects(sender.flush(), /cast error from protocol type: STRING to column type: DOUBLE/);
  await sender.close();
  assert.equal(psql('SELECT count(*) FROM node_typed'), '1');
});

test('rows over TCP', async () => {
  const sender = await Sender.fromConfig(`tcp::addr=127.0.0.1:${ports.tcp}`);
  await sender.connect();
  for (let i = 0; i < 1000; i++) await sender.table('node_tcp').intColumn('i', i).at(BigInt(i + 1), 'us');
  await sender.flush();
  await sender.close();
  assert.equal(await waitFor('SELECT count(*), sum(i) FROM node_tcp', '1000|499500'), '1000|499500');
});
