import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Whether a server process loaded ioredis, asked of a fresh Node process (the test runner's own
 * module cache is shared with other specs). The script starts a server from the sources, as
 * `main.ts` does, and prints the ioredis modules in Node's CommonJS cache.
 */
function ioredisLoadedBy(env: Record<string, string>): boolean {
  const server = fileURLToPath(new URL('../server.ts', import.meta.url));
  const script = `
    import { createRequire } from 'node:module';
    const { createConfabServer } = await import(${JSON.stringify(server)});
    const { loadConfig } = await import(${JSON.stringify(fileURLToPath(new URL('../config.ts', import.meta.url)))});
    const { createLogger } = await import(${JSON.stringify(fileURLToPath(new URL('../logger.ts', import.meta.url)))});
    createConfabServer({ config: loadConfig(${JSON.stringify({ PORT: '0', HOST: '127.0.0.1', ...env })}), log: createLogger('silent') });
    const cache = createRequire(import.meta.url).cache;
    console.log(Object.keys(cache).some((path) => path.includes('/node_modules/ioredis/')));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return out.trim().endsWith('true');
}

describe('ioredis', () => {
  it('a memory-mode server never loads it', () => {
    expect(ioredisLoadedBy({})).toBe(false);
  });

  it('a multi-node server loads it when it sets up the cluster', () => {
    // lazyConnect: constructing the cluster opens no connection, so no Redis is needed here.
    expect(ioredisLoadedBy({ REDIS_URL: 'redis://127.0.0.1:1' })).toBe(true);
  });
});
