import type { CandidateData } from '../signal-payload.js';
import { JsonSocket, type JsonMessage } from './json-socket.js';
import { HANDSHAKE_TIMEOUT_MS, ignoreFailure, ignoreSignal, type ClientProtocol, type RelayClient } from './relay-client.js';

/**
 * Confab's protocol (docs/protocol.md): `hello` → `welcome {peerId, heartbeatMs}` makes a session;
 * `join` → `joined` enters a room; `signal {to, data}` reaches the peer as `signal {from, data}`.
 * Like the SDK, it sends `{"type":"ping"}` every `heartbeatMs` (5 s), which the server answers
 * with `pong`: an idle Confab server in use receives them, as an idle PeerJS server receives its
 * clients' heartbeats (peerjs.ts).
 */

const PROTOCOL_VERSION = 1;

function answerOrError(type: string) {
  return (msg: JsonMessage) => msg.type === type || msg.type === 'error';
}

function refused(msg: JsonMessage, what: string): Error {
  return new Error(`Confab refused ${what}: ${String(msg.code)} ${String(msg.message)}`);
}

class ConfabClient implements RelayClient {
  onSignal: RelayClient['onSignal'] = ignoreSignal;
  onFailure: RelayClient['onFailure'] = ignoreFailure;

  constructor(
    private readonly socket: JsonSocket,
    readonly id: string,
    heartbeatMs: number,
  ) {
    socket.keepAlive({ type: 'ping' }, heartbeatMs);
    socket.listen((msg) => {
      if (msg.type === 'signal') this.onSignal(msg.from as string, msg.data);
      else if (msg.type === 'error') this.onFailure(`error ${String(msg.code)}: ${String(msg.message)}`);
      // peer-joined and the like are not part of the measurement.
    });
    socket.onUnexpectedClose = (code) => this.onFailure(`connection closed (code ${code})`);
  }

  send(to: string, data: CandidateData): void {
    this.socket.send({ type: 'signal', to, data });
  }

  async join(room: string): Promise<void> {
    const answer = this.socket.waitFor(answerOrError('joined'), HANDSHAKE_TIMEOUT_MS, 'joined');
    this.socket.send({ type: 'join', room, name: `bench-${this.id.slice(0, 8)}` });
    const msg = await answer;
    if (msg.type === 'error') throw refused(msg, `join "${room}"`);
  }

  close(): void {
    this.socket.close();
  }
}

export const confabProtocol: ClientProtocol = {
  server: 'confab',
  async connect({ host, port }) {
    const socket = await JsonSocket.open(`ws://${host}:${port}/ws`, HANDSHAKE_TIMEOUT_MS);
    const answer = socket.waitFor(answerOrError('welcome'), HANDSHAKE_TIMEOUT_MS, 'welcome');
    socket.send({ type: 'hello', v: PROTOCOL_VERSION });
    const msg = await answer;
    if (msg.type === 'error' || typeof msg.peerId !== 'string' || typeof msg.heartbeatMs !== 'number' || !(msg.heartbeatMs > 0)) {
      socket.close();
      throw refused(msg, 'hello');
    }
    return new ConfabClient(socket, msg.peerId, msg.heartbeatMs);
  },
  async pair(a, b, room) {
    if (!(a instanceof ConfabClient) || !(b instanceof ConfabClient)) throw new Error('pair: not Confab clients');
    await a.join(room);
    await b.join(room);
  },
};
