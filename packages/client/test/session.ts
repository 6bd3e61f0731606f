import type { ClientMessage } from '@confab/protocol';
import { vi } from 'vitest';
import type { ConfabClient } from '../src/client.js';
import { connect } from '../src/connect.js';
import { fakeWebSocketClass, type FakeWebSocket } from './fake-web-socket.js';
import { welcome } from './messages.js';

/** Waits until the SDK has sent its `nth` (1-based) message of `type`, and returns it. */
export async function sentMessage<T extends ClientMessage['type']>(
  socket: FakeWebSocket,
  type: T,
  nth = 1,
): Promise<Extract<ClientMessage, { type: T }>> {
  let found: ClientMessage | undefined;
  await vi.waitFor(() => {
    found = socket.sent.filter((msg) => msg.type === type)[nth - 1];
    if (!found) throw new Error(`no "${type}" #${nth} sent yet`);
  });
  return found as Extract<ClientMessage, { type: T }>;
}

/** Waits for the `nth` request of `type` and answers it with `answerFor(rid)`. */
export async function answer<T extends ClientMessage['type']>(
  socket: FakeWebSocket,
  type: T,
  answerFor: (rid: string | undefined) => unknown,
  nth = 1,
): Promise<Extract<ClientMessage, { type: T }>> {
  const request = await sentMessage(socket, type, nth);
  socket.receive(answerFor(request.rid));
  return request;
}

/** A client connected through a fake socket, the test playing the server. */
export async function connectedClient(
  peerId = 'ann',
  options: { token?: string } = {},
): Promise<{ client: ConfabClient; socket: FakeWebSocket }> {
  const { WebSocket, sockets } = fakeWebSocketClass();
  const connecting = connect('ws://confab.test/ws', { WebSocket, ...options });
  const socket = sockets[0]!;
  socket.open();
  await answer(socket, 'hello', (rid) => welcome(rid, peerId));
  return { client: await connecting, socket };
}
