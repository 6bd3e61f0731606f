import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The server side of the opening handshake (RFC 6455 §4.2): checking a client's upgrade request
 * and the `101 Switching Protocols` answer with its `Sec-WebSocket-Accept`.
 */

/** The GUID of §1.3, appended to the client's key before hashing. */
const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** The one protocol version this server speaks (§4.4). */
export const WEBSOCKET_VERSION = '13';
/** A key is 16 random bytes in base64: 22 characters and `==`. */
const KEY_PATTERN = /^[A-Za-z0-9+/]{22}==$/;
/** An HTTP token (RFC 7230 §3.2.6), the syntax of a subprotocol name. */
const TOKEN_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface UpgradeRefusal {
  status: 400 | 403 | 404 | 405 | 426 | 429;
  reason: string;
  /** Extra response headers, e.g. the versions the server speaks after a 426. */
  headers?: Readonly<Record<string, string>>;
}

const STATUS_TEXT: Record<UpgradeRefusal['status'], string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
};

/** Whether a comma-separated header lists `token` (case-insensitive), as Connection and Upgrade do. */
function listsToken(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => part.trim().toLowerCase() === token);
}

/** Why `req` is not a WebSocket opening handshake this server accepts, or undefined if it is one. */
export function checkHandshake(req: IncomingMessage): UpgradeRefusal | undefined {
  if (req.method !== 'GET') return { status: 405, reason: 'the upgrade must be a GET', headers: { Allow: 'GET' } };
  if (!listsToken(req.headers.upgrade, 'websocket')) return { status: 400, reason: 'Upgrade must be websocket' };
  if (!listsToken(req.headers.connection, 'upgrade')) return { status: 400, reason: 'Connection must include Upgrade' };
  const key = req.headers['sec-websocket-key'];
  if (key === undefined || !KEY_PATTERN.test(key)) return { status: 400, reason: 'missing or malformed Sec-WebSocket-Key' };
  const version = req.headers['sec-websocket-version'];
  if (version === undefined) return { status: 400, reason: 'missing Sec-WebSocket-Version' };
  if (version.trim() !== WEBSOCKET_VERSION) {
    return { status: 426, reason: `WebSocket version ${WEBSOCKET_VERSION} only`, headers: { 'Sec-WebSocket-Version': WEBSOCKET_VERSION } };
  }
  return undefined;
}

/** `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key` (§4.2.2, step 5.4). */
export function acceptKey(key: string): string {
  return createHash('sha1').update(key + ACCEPT_GUID).digest('base64');
}

/**
 * The subprotocol to confirm: the client's first, when it offers any (the server has no
 * preference among them; a client that offers one needs it confirmed to open).
 */
function chosenProtocol(req: IncomingMessage): string | undefined {
  const offered = req.headers['sec-websocket-protocol'];
  if (offered === undefined) return undefined;
  const first = offered.split(',')[0]!.trim();
  return TOKEN_PATTERN.test(first) ? first : undefined;
}

/** The `101 Switching Protocols` response to a request that passed `checkHandshake`. No extensions. */
export function upgradeResponse(req: IncomingMessage): string {
  const protocol = chosenProtocol(req);
  return (
    'HTTP/1.1 101 Switching Protocols\r\n' +
    'Upgrade: websocket\r\n' +
    'Connection: Upgrade\r\n' +
    `Sec-WebSocket-Accept: ${acceptKey(req.headers['sec-websocket-key']!)}\r\n` +
    (protocol === undefined ? '' : `Sec-WebSocket-Protocol: ${protocol}\r\n`) +
    '\r\n'
  );
}

/** The plain-text HTTP answer to a refused upgrade; the connection closes after it. */
export function refusalResponse({ status, reason, headers = {} }: UpgradeRefusal): string {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return (
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
    'Connection: close\r\n' +
    'Content-Type: text/plain\r\n' +
    `Content-Length: ${Buffer.byteLength(reason)}\r\n` +
    extra +
    `\r\n${reason}`
  );
}
