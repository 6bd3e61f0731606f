import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));

/** A built Confab node as its own process; resolves once it logs "listening". */
export async function startNode(env: Record<string, string>): Promise<{ port: number; child: ChildProcess; stop(): void }> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`node exited with ${code}: ${out}`)));
  });
  return { port, child, stop: () => child.kill('SIGTERM') };
}
