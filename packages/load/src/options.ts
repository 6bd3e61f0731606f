import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

/**
 * The options of `confab-load`:
 *
 *   --url URL           the signaling endpoint, ws://host:8080/ws or wss://… (required)
 *   --token JWT         sent in every `hello`, for servers with AUTH_SECRET / AUTH_JWKS_URL
 *   --insecure          accept a TLS certificate that does not verify (a self-signed test server)
 *   --peers N           simulated people present at once (default 20)
 *   --rooms N           rooms they are spread over, round robin (default 5: 4 per room)
 *   --duration S        seconds from the first join until the run stops (default 30)
 *   --churn R           departures per second across all peers; each one rejoins (default 1; 0: none)
 *   --rate R            joins started per second, at the start and for rejoins (default 50)
 *   --inflight N        joins in progress at once at most (default 20)
 *   --candidates N      ICE candidates each side trickles per negotiation (default 10)
 *   --room-prefix P     room names are P-0, P-1, … (default load-<random>)
 *   --drain S           seconds to wait at the end for signals still in flight (default 5)
 *   --json FILE         also write the results as JSON
 *   --quiet             no progress line
 */

export interface LoadOptions {
  url: string;
  token: string | undefined;
  insecure: boolean;
  peers: number;
  rooms: number;
  durationMs: number;
  churnPerSecond: number;
  joinsPerSecond: number;
  inflight: number;
  candidates: number;
  roomPrefix: string;
  drainMs: number;
  json: string | undefined;
  quiet: boolean;
}

export const USAGE = `usage: confab-load --url ws://host:8080/ws [--token JWT] [--insecure]
       [--peers 20] [--rooms 5] [--duration 30] [--churn 1] [--rate 50] [--inflight 20]
       [--candidates 10] [--room-prefix load-x] [--drain 5] [--json results.json] [--quiet]`;

export class UsageError extends Error {}

export const DEFAULTS = { peers: 20, rooms: 5, durationS: 30, churn: 1, rate: 50, inflight: 20, candidates: 10, drainS: 5 } as const;

const ROOM_PREFIX_PATTERN = /^[A-Za-z0-9_-]{1,48}$/;

function integer(raw: string, flag: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function number(raw: string, flag: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${flag} must be a number from ${min} to ${max}, got "${raw}"`);
  return n;
}

function signalingUrl(raw: string | undefined): string {
  if (!raw) throw new UsageError('--url is required, e.g. --url ws://localhost:8080/ws');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new UsageError(`--url must start with ws:// or wss://, got "${raw}"`);
  return url.href;
}

export function parseOptions(argv: readonly string[]): LoadOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        insecure: { type: 'boolean', default: false },
        peers: { type: 'string', default: String(DEFAULTS.peers) },
        rooms: { type: 'string', default: String(DEFAULTS.rooms) },
        duration: { type: 'string', default: String(DEFAULTS.durationS) },
        churn: { type: 'string', default: String(DEFAULTS.churn) },
        rate: { type: 'string', default: String(DEFAULTS.rate) },
        inflight: { type: 'string', default: String(DEFAULTS.inflight) },
        candidates: { type: 'string', default: String(DEFAULTS.candidates) },
        'room-prefix': { type: 'string' },
        drain: { type: 'string', default: String(DEFAULTS.drainS) },
        json: { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const url = signalingUrl(values.url);
  const peers = integer(values.peers, 'peers', 1, 100_000);
  const rooms = integer(values.rooms, 'rooms', 1, peers);
  const roomPrefix = values['room-prefix'] ?? `load-${randomBytes(4).toString('hex')}`;
  if (!ROOM_PREFIX_PATTERN.test(roomPrefix)) throw new UsageError('--room-prefix: 1–48 letters, digits, "-" or "_"');
  return {
    url,
    token: values.token,
    insecure: values.insecure,
    peers,
    rooms,
    durationMs: Math.round(number(values.duration, 'duration', 0.5, 86_400) * 1000),
    churnPerSecond: number(values.churn, 'churn', 0, 10_000),
    joinsPerSecond: number(values.rate, 'rate', 0.1, 100_000),
    inflight: integer(values.inflight, 'inflight', 1, 100_000),
    candidates: integer(values.candidates, 'candidates', 0, 100),
    roomPrefix,
    drainMs: Math.round(number(values.drain, 'drain', 0, 600) * 1000),
    json: values.json,
    quiet: values.quiet,
  };
}
