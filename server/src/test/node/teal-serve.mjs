// A real `teal serve` for the Node client tests (pg, clickhouse, ilp): free loopback ports, its output in a log
// under server/target, a wait until the port listens, and a SIGTERM shutdown that reports the exit code.
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.on('connect', () => { c.destroy(); resolve(true); });
    c.on('error', () => resolve(false));
  });
}

/** Starts `./teal serve <args>` (building it first if needed) and resolves once readyPort accepts connections. */
export async function startServe(args, logName, readyPort) {
  const log = openSync(path.join(ROOT, 'server', 'target', logName), 'w');
  const server = spawn(path.join(ROOT, 'teal'), ['serve', ...args], { stdio: ['ignore', log, log] });
  const deadline = Date.now() + 120000;
  while (!(await canConnect(readyPort))) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('teal serve did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

/** Sends SIGTERM and resolves with the exit code (0 after a clean shutdown). */
export function stopServe(server) {
  server.kill('SIGTERM');
  return new Promise((r) => server.on('exit', r));
}
