import type { CandidateData } from '../signal-payload.js';
import { JsonSocket } from './json-socket.js';
import { HANDSHAKE_TIMEOUT_MS, ignoreFailure, ignoreSignal, type ClientProtocol, type RelayClient } from './relay-client.js';

/** The bare ws relay's protocol (servers/ws-relay.ts): `welcome {id}`, then `signal {to|from, data}`. */

class WsRelayClient implements RelayClient {
  onSignal: RelayClient['onSignal'] = ignoreSignal;
  onFailure: RelayClient['onFailure'] = ignoreFailure;

  constructor(
    private readonly socket: JsonSocket,
    readonly id: string,
  ) {
    socket.listen((msg) => {
      if (msg.type === 'signal') this.onSignal(msg.from as string, msg.data);
    });
    socket.onUnexpectedClose = (code) => this.onFailure(`connection closed (code ${code})`);
  }

  send(to: string, data: CandidateData): void {
    this.socket.send({ type: 'signal', to, data });
  }

  close(): void {
    this.socket.close();
  }
}

export const wsRelayProtocol: ClientProtocol = {
  server: 'ws',
  async connect({ host, port }) {
    const socket = await JsonSocket.open(`ws://${host}:${port}/`, HANDSHAKE_TIMEOUT_MS);
    const msg = await socket.waitFor((m) => m.type === 'welcome', HANDSHAKE_TIMEOUT_MS, 'welcome');
    if (typeof msg.id !== 'string') throw new Error('bare ws relay: welcome without an id');
    return new WsRelayClient(socket, msg.id);
  },
  async pair() {
    // No rooms: any client may signal any id.
  },
};
