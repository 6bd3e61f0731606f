import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/**
 * A minimal TURN client over UDP (RFC 5389 / RFC 5766), just enough to ask a real coturn for an
 * allocation with a long-term credential and read its answer: Binding, Allocate and Refresh, the
 * 401 challenge (REALM, NONCE), MESSAGE-INTEGRITY with key MD5(username:realm:password).
 */

const MAGIC_COOKIE = 0x2112a442;
const HEADER_BYTES = 20;
const INTEGRITY_BYTES = 20;

export const METHOD = { binding: 0x001, allocate: 0x003, refresh: 0x004, createPermission: 0x008 } as const;
const CLASS_SUCCESS = 0x100;
const CLASS_ERROR = 0x110;

export const ATTR = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  lifetime: 0x000d,
  xorPeerAddress: 0x0012,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayedAddress: 0x0016,
  requestedTransport: 0x0019,
  xorMappedAddress: 0x0020,
} as const;

const UDP_PROTOCOL = 17;
/** How long one request waits for its answer. */
export const TURN_REQUEST_TIMEOUT_MS = 2_000;

export interface StunAnswer {
  /** `success` or `error`, from the message class. */
  kind: 'success' | 'error';
  /** The error code (401, 438, …) of an error answer. */
  code?: number;
  reason?: string;
  realm?: string;
  nonce?: string;
  /** XOR-RELAYED-ADDRESS of a successful Allocate, as `ip:port`. */
  relayed?: string;
  lifetime?: number;
}

export interface Credentials {
  username: string;
  password: string;
  realm: string;
  nonce: string;
}

function attribute(type: number, value: Buffer): Buffer {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

/** One request: header + attributes, with MESSAGE-INTEGRITY appended when `key` is given. */
export function encodeRequest(method: number, transactionId: Buffer, attributes: Buffer[], key?: Buffer): Buffer {
  const body = Buffer.concat(attributes);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(method, 0);
  header.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(header, 8);
  if (!key) {
    header.writeUInt16BE(body.length, 2);
    return Buffer.concat([header, body]);
  }
  // The length covers MESSAGE-INTEGRITY itself; the HMAC covers everything before it.
  header.writeUInt16BE(body.length + 4 + INTEGRITY_BYTES, 2);
  const mac = createHmac('sha1', key).update(Buffer.concat([header, body])).digest();
  return Buffer.concat([header, body, attribute(ATTR.messageIntegrity, mac)]);
}

function xorAddress(value: Buffer): string {
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  const ip = [0, 1, 2, 3].map((i) => value[4 + i]! ^ ((MAGIC_COOKIE >>> (24 - 8 * i)) & 0xff)).join('.');
  return `${ip}:${port}`;
}

export function decodeAnswer(message: Buffer): StunAnswer {
  const type = message.readUInt16BE(0);
  const answer: StunAnswer = { kind: (type & CLASS_ERROR) === CLASS_ERROR ? 'error' : 'success' };
  if ((type & CLASS_ERROR) !== CLASS_ERROR && (type & CLASS_SUCCESS) !== CLASS_SUCCESS) {
    throw new Error(`not an answer: type 0x${type.toString(16)}`);
  }
  let offset = HEADER_BYTES;
  const end = HEADER_BYTES + message.readUInt16BE(2);
  while (offset + 4 <= end) {
    const attrType = message.readUInt16BE(offset);
    const length = message.readUInt16BE(offset + 2);
    const value = message.subarray(offset + 4, offset + 4 + length);
    if (attrType === ATTR.errorCode) {
      answer.code = (value[2]! & 0x7) * 100 + value[3]!;
      answer.reason = value.subarray(4).toString('utf8');
    } else if (attrType === ATTR.realm) answer.realm = value.toString('utf8');
    else if (attrType === ATTR.nonce) answer.nonce = value.toString('utf8');
    else if (attrType === ATTR.xorRelayedAddress) answer.relayed = xorAddress(value);
    else if (attrType === ATTR.lifetime) answer.lifetime = value.readUInt32BE(0);
    offset += 4 + Math.ceil(length / 4) * 4;
  }
  return answer;
}

/** The long-term credential key: MD5(username ":" realm ":" password). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest();
}

/** One UDP socket talking to one TURN server: an allocation lives as long as this 5-tuple. */
export class TurnClient {
  private readonly socket: Socket;
  private readonly waiting = new Map<string, (answer: StunAnswer) => void>();

  private constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.socket = createSocket('udp4');
    this.socket.on('message', (message) => {
      if (message.length < HEADER_BYTES) return;
      const id = message.subarray(8, 20).toString('hex');
      const resolve = this.waiting.get(id);
      if (!resolve) return;
      this.waiting.delete(id);
      resolve(decodeAnswer(message));
    });
  }

  static async open(host: string, port: number): Promise<TurnClient> {
    const client = new TurnClient(host, port);
    await new Promise<void>((resolve) => client.socket.bind(0, host === '127.0.0.1' ? '127.0.0.1' : undefined, resolve));
    return client;
  }

  /** Sends one request and resolves with its answer; rejects after `timeoutMs`. */
  request(method: number, attributes: Buffer[], key?: Buffer, timeoutMs = TURN_REQUEST_TIMEOUT_MS): Promise<StunAnswer> {
    const transactionId = randomBytes(12);
    const id = transactionId.toString('hex');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no answer from TURN ${this.host}:${this.port} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.socket.send(encodeRequest(method, transactionId, attributes, key), this.port, this.host);
    });
  }

  binding(timeoutMs?: number): Promise<StunAnswer> {
    return this.request(METHOD.binding, [], undefined, timeoutMs);
  }

  /** An Allocate with no credentials: coturn answers 401 with its REALM and a NONCE. */
  allocateUnauthenticated(): Promise<StunAnswer> {
    return this.request(METHOD.allocate, [requestedUdp()]);
  }

  /** An Allocate signed with the long-term credential. */
  allocate(credentials: Credentials): Promise<StunAnswer> {
    return this.signed(METHOD.allocate, [requestedUdp()], credentials);
  }

  /** A Refresh of the current allocation (`lifetime` 0 releases it). */
  refresh(credentials: Credentials, lifetime?: number): Promise<StunAnswer> {
    const extra = lifetime === undefined ? [] : [attribute(ATTR.lifetime, uint32(lifetime))];
    return this.signed(METHOD.refresh, extra, credentials);
  }

  /** Asks the relay to accept traffic from `peerIp` (IPv4): coturn answers 403 for a denied peer. */
  createPermission(credentials: Credentials, peerIp: string): Promise<StunAnswer> {
    return this.signed(METHOD.createPermission, [attribute(ATTR.xorPeerAddress, xorIpv4(peerIp, 9))], credentials);
  }

  close(): void {
    this.socket.close();
  }

  private signed(method: number, attributes: Buffer[], c: Credentials): Promise<StunAnswer> {
    const attrs = [
      ...attributes,
      attribute(ATTR.username, Buffer.from(c.username)),
      attribute(ATTR.realm, Buffer.from(c.realm)),
      attribute(ATTR.nonce, Buffer.from(c.nonce)),
    ];
    return this.request(method, attrs, longTermKey(c.username, c.realm, c.password));
  }
}

/** An XOR-PEER-ADDRESS value for an IPv4 address: family 1, port and address XORed with the magic cookie. */
function xorIpv4(ip: string, port: number): Buffer {
  const value = Buffer.alloc(8);
  value[1] = 0x01;
  value.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 2);
  value.writeUInt32BE((ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0) ^ MAGIC_COOKIE) >>> 0, 4);
  return value;
}

function uint32(value: number): Buffer {
  const buf = Buffer.alloc(4);
  buf.writeUInt32BE(value, 0);
  return buf;
}

function requestedUdp(): Buffer {
  return attribute(ATTR.requestedTransport, Buffer.from([UDP_PROTOCOL, 0, 0, 0]));
}

/**
 * The whole exchange a browser does: an unauthenticated Allocate for the realm and nonce, then
 * the signed one. Returns the signed Allocate's answer and the credentials used.
 */
export async function allocateWith(
  client: TurnClient,
  username: string,
  password: string,
): Promise<{ answer: StunAnswer; credentials: Credentials }> {
  const challenge = await client.allocateUnauthenticated();
  if (challenge.code !== 401 || !challenge.realm || !challenge.nonce) {
    throw new Error(`expected a 401 challenge with realm and nonce, got ${JSON.stringify(challenge)}`);
  }
  const credentials = { username, password, realm: challenge.realm, nonce: challenge.nonce };
  return { answer: await client.allocate(credentials), credentials };
}
