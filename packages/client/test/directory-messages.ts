import type { CallEndReason, DirectoryPeer, ServerMessageOf } from '@confab/protocol';
import type { ConfabClient } from '../src/client.js';
import type { Directory } from '../src/directory.js';
import type { FakeWebSocket } from './fake-web-socket.js';
import { answer } from './session.js';

/** Directory and call messages with sensible defaults, so tests state only what they are about. */

/** Someone in the directory: id `bob` is named "Bob". */
export function dpeer(id: string, busy = false): DirectoryPeer {
  return { id, name: id.charAt(0).toUpperCase() + id.slice(1), busy };
}

export function directoryAnswer(
  re: string | undefined,
  self: DirectoryPeer = dpeer('ann'),
  peers: DirectoryPeer[] = [],
): ServerMessageOf<'directory'> {
  return { type: 'directory', ...(re ? { re } : {}), self, peers };
}

export function ringing(re: string | undefined, callId: string, to: DirectoryPeer): ServerMessageOf<'ringing'> {
  return { type: 'ringing', ...(re ? { re } : {}), callId, to: { ...to, busy: true } };
}

export function incomingCall(callId: string, from: DirectoryPeer): ServerMessageOf<'incoming-call'> {
  return { type: 'incoming-call', callId, from: { ...from, busy: true } };
}

export function callAccepted(
  re: string | undefined,
  callId: string,
  peer: DirectoryPeer,
  room = `call_${callId}`,
): ServerMessageOf<'call-accepted'> {
  return { type: 'call-accepted', ...(re ? { re } : {}), callId, room, peer };
}

export function callEnded(
  callId: string,
  reason: CallEndReason,
  fields: { re?: string; by?: string } = {},
): ServerMessageOf<'call-ended'> {
  return { type: 'call-ended', ...fields, callId, reason };
}

export function refusal(code: string, type: string, rid: string | undefined) {
  return { type: 'error', code, message: `refused: ${code}`, re: { type, rid } };
}

/** `client` goes online as Ann, with `peers` already there. */
export async function online(
  client: ConfabClient,
  socket: FakeWebSocket,
  peers: DirectoryPeer[] = [dpeer('bob')],
): Promise<Directory> {
  const going = client.goOnline('Ann');
  await answer(socket, 'online', (rid) => directoryAnswer(rid, dpeer('ann'), peers));
  return going;
}
