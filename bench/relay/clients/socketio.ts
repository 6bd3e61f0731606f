import type { Socket as NetSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { WebSocket } from 'ws';
import { tcpSocketOf } from './json-socket.js';
import { turnCorker } from './turn-corker.js';
import type { CandidateData } from '../signal-payload.js';
import { HANDSHAKE_TIMEOUT_MS, ignoreFailure, ignoreSignal, type ClientProtocol, type RelayClient } from './relay-client.js';

/**
 * The socket.io relay (servers/socketio.ts) through socket.io-client, WebSocket transport only:
 * `emit('signal', {to, data})` reaches the socket with id `to` as `signal {from, data}`.
 */

interface SignalEvent {
  from: string;
  data: unknown;
}

/** The `ws` WebSocket under engine.io's WebSocket transport (engine.io-client's private `ws`). */
function engineWebSocket(socket: Socket): WebSocket {
  return (socket.io.engine.transport as unknown as { ws: WebSocket }).ws;
}

class SocketIoClient implements RelayClient {
  onSignal: RelayClient['onSignal'] = ignoreSignal;
  onFailure: RelayClient['onFailure'] = ignoreFailure;
  private closing = false;

  constructor(
    private readonly socket: Socket,
    readonly id: string,
    /** The TCP socket under socket.io's WebSocket transport, for the turn corker. */
    private readonly tcp: NetSocket,
  ) {
    socket.on('signal', (msg: SignalEvent) => this.onSignal(msg.from, msg.data));
    socket.on('disconnect', (reason) => {
      if (!this.closing) this.onFailure(`disconnected: ${reason}`);
    });
  }

  send(to: string, data: CandidateData): void {
    turnCorker.cork(this.tcp);
    this.socket.emit('signal', { to, data });
  }

  close(): void {
    this.closing = true;
    this.socket.disconnect();
  }
}

export const socketIoProtocol: ClientProtocol = {
  server: 'socketio',
  connect({ host, port }) {
    return new Promise((resolve, reject) => {
      const socket = io(`http://${host}:${port}`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: HANDSHAKE_TIMEOUT_MS,
      });
      socket.once('connect', () => {
        socket.off('connect_error');
        resolve(new SocketIoClient(socket, socket.id!, tcpSocketOf(engineWebSocket(socket))));
      });
      socket.once('connect_error', (error) => {
        socket.disconnect();
        reject(error);
      });
    });
  },
  async pair() {
    // No rooms needed: every socket is addressable by its id.
  },
};
