import type { ServerName } from '../servers/registry.js';
import { confabProtocol } from './confab.js';
import { peerJsProtocol } from './peerjs.js';
import type { ClientProtocol } from './relay-client.js';
import { socketIoProtocol } from './socketio.js';
import { wsRelayProtocol } from './ws-relay.js';

/** The client side of each server's protocol. */
export const PROTOCOLS: Record<ServerName, ClientProtocol> = {
  confab: confabProtocol,
  peerjs: peerJsProtocol,
  socketio: socketIoProtocol,
  ws: wsRelayProtocol,
};
