import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Vite puts content-hashed files under /assets: they never change, so they cache for a year. */
const IMMUTABLE_PREFIX = `${sep}assets${sep}`;

/**
 * Serves the built single-page app: a file if it exists under `root`, otherwise index.html
 * (so /r/<room> loads the app). Paths are normalised so nothing outside `root` is reachable.
 */
export function createStaticHandler(root: string) {
  const indexPath = join(root, 'index.html');

  return async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const relative = normalize(pathname).replace(/^([/\\])+/, '');
    const candidate = join(root, relative);
    let file = indexPath;
    if (candidate.startsWith(root + sep) && relative !== '') {
      const info = await stat(candidate).catch(() => undefined);
      if (info?.isFile()) file = candidate;
      else if (extname(relative) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
    }
    const info = await stat(file).catch(() => undefined);
    if (!info) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The web app is not built. Run: npm run build');
      return;
    }
    const immutable = file.slice(root.length).startsWith(IMMUTABLE_PREFIX);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}
