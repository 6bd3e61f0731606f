import { REPO_ROOT } from '../pinned-node.js';
import { BENCH_HOST } from './announce.js';
import { compiledPath } from './compile.js';

/** The four servers under test, each run as its own process. */

export const SERVER_NAMES = ['confab', 'peerjs', 'socketio', 'ws'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export interface ServerSpec {
  name: ServerName;
  /** As printed in tables. */
  label: string;
  /** The JavaScript node runs, with no loader: the same `node` invocation for every server. */
  entry: string;
  /** The entry is one of the bench's own servers, transpiled from TypeScript before the first launch (compile.ts). */
  transpiled: boolean;
  env: Record<string, string>;
}

export const CONFAB_MAIN = `${REPO_ROOT}packages/server/dist/main.js`;

/**
 * Confab's limits are raised so the bench measures relaying, not refusals: every client connects
 * from 127.0.0.1, and a closed-loop client sends far above the per-connection rate limit.
 * LOG_LEVEL=info because "listening" is logged at info; nothing is logged per message at info.
 */
const CONFAB_ENV: Record<string, string> = {
  PORT: '0',
  HOST: BENCH_HOST,
  LOG_LEVEL: 'info',
  RATE_LIMIT_PER_SECOND: '1000000',
  RATE_LIMIT_BURST: '1000000',
  MAX_CONNECTIONS_PER_IP: '100000',
  MAX_PEERS: '2',
};

export const SERVERS: Record<ServerName, ServerSpec> = {
  confab: { name: 'confab', label: 'Confab', entry: CONFAB_MAIN, transpiled: false, env: CONFAB_ENV },
  peerjs: { name: 'peerjs', label: 'PeerJS', entry: compiledPath('peerjs.ts'), transpiled: true, env: {} },
  socketio: { name: 'socketio', label: 'socket.io', entry: compiledPath('socketio.ts'), transpiled: true, env: {} },
  ws: { name: 'ws', label: 'bare ws', entry: compiledPath('ws-relay.ts'), transpiled: true, env: {} },
};

export function isServerName(value: string): value is ServerName {
  return (SERVER_NAMES as readonly string[]).includes(value);
}
