import { randomBytes, randomUUID } from 'node:crypto';
import type { CandidateData } from '../signal-payload.js';
import { JsonSocket } from './json-socket.js';
import { HANDSHAKE_TIMEOUT_MS, ignoreFailure, ignoreSignal, type ClientProtocol, type RelayClient } from './relay-client.js';

/**
 * PeerJS's protocol, as its browser client speaks it: the client picks its id (a UUID, like the
 * server's /id endpoint hands out) and a token, connects to `/peerjs?key=…&id=…&token=…`, and is
 * registered once it gets `{"type":"OPEN"}`. `{"type":"CANDIDATE","payload":…,"dst":…}` reaches
 * `dst` as `{"type":"CANDIDATE","src":…,"dst":…,"payload":…}`. Like the browser client, it sends
 * `{"type":"HEARTBEAT"}` every 5 s (the client's `pingInterval`): the server counts a client that
 * stays silent for `alive_timeout` as gone, and an idle PeerJS server in use receives them.
 */

const PEERJS_KEY = 'peerjs';
/** How often PeerJS's browser client tells the server it is alive (its `pingInterval` default). */
export const PEERJS_HEARTBEAT_MS = 5_000;
/** Messages the server sends about a peer that is gone: the measurement is broken. */
const FAILURE_TYPES = new Set(['ERROR', 'ID-TAKEN', 'EXPIRE', 'LEAVE']);

class PeerJsClient implements RelayClient {
  onSignal: RelayClient['onSignal'] = ignoreSignal;
  onFailure: RelayClient['onFailure'] = ignoreFailure;

  constructor(
    private readonly socket: JsonSocket,
    readonly id: string,
  ) {
    socket.keepAlive({ type: 'HEARTBEAT' }, PEERJS_HEARTBEAT_MS);
    socket.listen((msg) => {
      if (msg.type === 'CANDIDATE') this.onSignal(msg.src as string, msg.payload);
      else if (typeof msg.type === 'string' && FAILURE_TYPES.has(msg.type)) this.onFailure(`${msg.type}: ${JSON.stringify(msg.payload)}`);
    });
    socket.onUnexpectedClose = (code) => this.onFailure(`connection closed (code ${code})`);
  }

  send(to: string, data: CandidateData): void {
    this.socket.send({ type: 'CANDIDATE', payload: data, dst: to });
  }

  close(): void {
    this.socket.close();
  }
}

export const peerJsProtocol: ClientProtocol = {
  server: 'peerjs',
  async connect({ host, port }) {
    const id = randomUUID();
    const token = randomBytes(8).toString('hex');
    const url = `ws://${host}:${port}/peerjs?key=${PEERJS_KEY}&id=${id}&token=${token}`;
    const socket = await JsonSocket.open(url, HANDSHAKE_TIMEOUT_MS);
    const msg = await socket.waitFor(
      (m) => m.type === 'OPEN' || m.type === 'ERROR' || m.type === 'ID-TAKEN',
      HANDSHAKE_TIMEOUT_MS,
      'OPEN',
    );
    if (msg.type !== 'OPEN') {
      socket.close();
      throw new Error(`PeerJS refused ${id}: ${msg.type} ${JSON.stringify(msg.payload)}`);
    }
    return new PeerJsClient(socket, id);
  },
  async pair() {
    // PeerJS has no rooms: any client may signal any id.
  },
};
