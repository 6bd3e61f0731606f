import type { ClientMessageOf, ServerMessageOf } from '@confab/protocol';
import type { NetworkMonitor } from '../src/network.js';
import type { FakeWebSocket } from './fake-web-socket.js';
import { ICE_SERVERS } from './messages.js';

/** Helpers for the reconnect tests: a scripted server on the fake sockets, and a fake network. */

/** Long enough that the keepalive never fires within a test (its timeout is twice this). */
export const QUIET_HEARTBEAT_MS = 600_000;
export const GRACE_MS = 20_000;

/** Lets promise chains run (socket opened → hello sent, answer received → handlers run). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

export function resumeWelcome(
  re: string | undefined,
  peerId: string,
  token: string,
  extra: Partial<ServerMessageOf<'welcome'>> = {},
): ServerMessageOf<'welcome'> {
  return {
    type: 'welcome',
    ...(re ? { re } : {}),
    v: 1,
    peerId,
    iceServers: ICE_SERVERS,
    heartbeatMs: QUIET_HEARTBEAT_MS,
    resumeToken: token,
    resumeGraceMs: GRACE_MS,
    ...extra,
  };
}

/** The `hello` the SDK sent on `socket`, once it has sent one. */
export function helloOn(socket: FakeWebSocket): ClientMessageOf<'hello'> | undefined {
  return socket.sent.find((m): m is ClientMessageOf<'hello'> => m.type === 'hello');
}

/** Opens `socket` and answers its hello with `answer(rid)` (one message or several). */
export async function acceptOn(socket: FakeWebSocket, answer: (rid: string | undefined) => unknown | unknown[]): Promise<ClientMessageOf<'hello'>> {
  socket.open();
  await settle();
  const hello = helloOn(socket);
  if (!hello) throw new Error('no hello sent on the new socket');
  const replies = answer(hello.rid);
  for (const reply of Array.isArray(replies) ? replies : [replies]) socket.receive(reply);
  await settle();
  return hello;
}

export interface FakeNetwork extends NetworkMonitor {
  online: boolean;
  goOffline(): void;
  goOnline(): void;
}

export function fakeNetwork(): FakeNetwork {
  const listeners = new Set<{ onOnline: () => void; onOffline: () => void }>();
  const network: FakeNetwork = {
    online: true,
    watch(onOnline, onOffline) {
      const entry = { onOnline, onOffline };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    goOffline() {
      network.online = false;
      for (const l of [...listeners]) l.onOffline();
    },
    goOnline() {
      network.online = true;
      for (const l of [...listeners]) l.onOnline();
    },
  };
  return network;
}
