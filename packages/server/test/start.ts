import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createConfabServer } from '../src/server.js';

let webAppDir: string | undefined;

/** A fake built web app (an index.html and one hashed asset), one per test process, removed at exit. */
function fakeWebApp(): string {
  if (webAppDir) return webAppDir;
  const dir = mkdtempSync(join(tmpdir(), 'confab-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Confab</title>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  webAppDir = dir;
  return dir;
}

/** Starts a real server on a free loopback port. */
export async function startServer(env: Record<string, string> = {}) {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STATIC_DIR: fakeWebApp(), ...env });
  const server = createConfabServer({ config, log: createLogger('silent') });
  const address = await server.listen();
  const base = `http://127.0.0.1:${address.port}`;
  return { server, config, base, wsUrl: `ws://127.0.0.1:${address.port}/ws`, close: () => server.close() };
}
