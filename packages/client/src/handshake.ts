import { ConfabError, PROTOCOL_VERSION, type ServerMessage, type ServerMessageOf } from '@confab/protocol';
import { connectionClosed, requestTimeout } from './errors.js';
import type { ResumeCredentials } from './resume-storage.js';
import { REQUEST_TIMEOUT_MS, type SignalingChannel } from './signaling.js';

export type Welcome = ServerMessageOf<'welcome'>;

/**
 * How much of a previous session the server kept, after a `hello` that asked to resume it:
 * - `seat`: same id, still in the room; what was sent to us meanwhile follows the welcome;
 * - `id`: same id, but no seat (the server restarted and lost its state): join the room again;
 * - `fresh`: nothing (`RESUME_FAILED`): a new id; join the room again as a newcomer.
 */
export type ResumeOutcome = 'seat' | 'id' | 'fresh';

export interface Handshake {
  welcome: Welcome;
  /** Undefined when no resume was asked for. */
  outcome: ResumeOutcome | undefined;
}

/**
 * Sends `hello` (with `resume` when there is a session to reclaim) and waits for `welcome`.
 * A refused resume is not a failure: the server answers `error RESUME_FAILED` and then welcomes
 * a fresh session, whose `welcome` carries the same `re`. Rejects with the server's ConfabError
 * for anything else (AUTH_*, UNSUPPORTED_VERSION) or a ConfabClientError.
 */
export async function hello(
  channel: SignalingChannel,
  token: string | undefined,
  resume: ResumeCredentials | undefined,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Handshake> {
  // Listen before asking: the fresh welcome comes right after the error, as a push.
  let pushed: ((msg: Welcome) => void) | undefined;
  const freshWelcome = new Promise<Welcome>((resolve) => (pushed = resolve));
  const off = channel.on('message', (msg: ServerMessage) => {
    if (msg.type === 'welcome') pushed?.(msg);
  });
  try {
    const welcome = await channel.request(
      {
        type: 'hello',
        v: PROTOCOL_VERSION,
        ...(token === undefined ? {} : { token }),
        ...(resume ? { resume: { peerId: resume.peerId, token: resume.token } } : {}),
      },
      timeoutMs,
    );
    return { welcome, outcome: resume ? (welcome.resumed ?? 'fresh') : undefined };
  } catch (err) {
    if (!(resume && err instanceof ConfabError && err.code === 'RESUME_FAILED')) throw err;
    if (channel.state === 'closed') throw connectionClosed();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let offClosed: (() => void) | undefined;
    const failed = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(requestTimeout('hello', timeoutMs)), timeoutMs);
      offClosed = channel.once('state', () => reject(connectionClosed()));
    });
    try {
      return { welcome: await Promise.race([freshWelcome, failed]), outcome: 'fresh' };
    } finally {
      clearTimeout(timer);
      offClosed?.();
    }
  } finally {
    off();
  }
}
