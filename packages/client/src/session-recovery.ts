import { ConfabError, type ServerMessageOf } from '@confab/protocol';
import { Emitter } from './emitter.js';
import { ConfabClientError } from './errors.js';
import type { ResumeOutcome, Welcome } from './handshake.js';
import { Outbox, type OutboxMessage } from './outbox.js';
import type { ReconnectingChannel } from './reconnecting-channel.js';
import { REJOIN_AWAIT_MS } from './rejoin-plan.js';
import type { Room } from './room.js';

export type RecoveryState = 'open' | 'reconnecting';

export interface SessionRecoveryOptions {
  channel: ReconnectingChannel;
  /** The room the client is in, if any. */
  room: () => Room | undefined;
  /** Each welcome after a reconnect: fresh ICE servers (TURN credentials), maybe a new id. */
  onWelcome: (welcome: Welcome) => void;
  /** The room could not be entered again (ROOM_FULL, …): it was closed. */
  onRejoinFailed: (err: ConfabError) => void;
}

type RecoveryEvents = { state: [RecoveryState] };

/**
 * Puts the client's session back together after the signaling connection was re-established,
 * according to how much of it the server kept (see `ResumeOutcome`):
 * - `seat`: nothing to redo; what the server queued meanwhile follows the welcome;
 * - `id`: join the room again under the same name, media and password; peer connections that
 *   still work are kept (they never needed the server);
 * - `fresh`: join again as a newcomer with the new id; every peer connection is rebuilt.
 * Room messages sent while signaling is down (signals, the media state) wait in an outbox and go
 * once the room is back. The state is `reconnecting` from the loss until all of that is done.
 */
export class SessionRecovery {
  private readonly emitter = new Emitter<RecoveryEvents>();
  private readonly outbox = new Outbox();
  private readonly passwords = new WeakMap<Room, string>();
  private current: RecoveryState = 'open';
  /** Bumped on every loss and every welcome, so a rejoin overtaken by a newer one is ignored. */
  private generation = 0;

  constructor(private readonly options: SessionRecoveryOptions) {
    options.channel.on('state', (state) => {
      if (state === 'reconnecting') this.onDown();
    });
    options.channel.on('resumed', (welcome, outcome, silentMs) => void this.onResumed(welcome, outcome, silentMs));
  }

  get state(): RecoveryState {
    return this.current;
  }

  /** Whether room messages go out now. */
  get up(): boolean {
    return this.current === 'open' && this.options.channel.state === 'open';
  }

  onState(listener: (state: RecoveryState) => void): void {
    this.emitter.on('state', listener);
  }

  /** Remembers the password `room` was joined with, for joining it again. */
  remember(room: Room, password: string | undefined): void {
    if (password !== undefined) this.passwords.set(room, password);
  }

  /** Sends a room message now, or keeps it for when the room is back. */
  send(msg: OutboxMessage): void {
    if (this.up && this.options.channel.send(msg)) return;
    this.outbox.add(msg);
  }

  /** After the initial handshake: a reload resumed a seat in a room this page knows nothing of. */
  handleInitialWelcome(welcome: Welcome, outcome: ResumeOutcome | undefined): void {
    if (outcome === 'seat' && welcome.room !== undefined) this.leaveQuietly();
  }

  close(): void {
    this.generation += 1;
    this.outbox.clear();
    this.emitter.removeAllListeners();
  }

  private setState(state: RecoveryState): void {
    if (state === this.current) return;
    this.current = state;
    this.emitter.emit('state', state);
  }

  private onDown(): void {
    this.generation += 1;
    this.options.room()?.handleSignalingDown();
    this.setState('reconnecting');
  }

  private async onResumed(welcome: Welcome, outcome: ResumeOutcome, silentMs: number): Promise<void> {
    const generation = ++this.generation;
    this.options.onWelcome(welcome);
    const room = this.options.room();
    try {
      if (!room) {
        // Left (or never joined) while down: a seat the server kept must be given up.
        if (outcome === 'seat' && welcome.room !== undefined) this.leaveQuietly();
        this.outbox.clear();
      } else if (outcome !== 'seat' || welcome.room !== room.name) {
        if (outcome === 'fresh') this.outbox.clear();
        const graceMs = welcome.resumeGraceMs ?? REJOIN_AWAIT_MS;
        const joined = await this.rejoin(room);
        if (generation !== this.generation) return;
        if (room.closed) {
          this.leaveQuietly();
        } else {
          room.handleRejoined(joined, {
            fresh: outcome === 'fresh',
            // Silent past the grace period, the server told the others we left: their ends are gone.
            rebuild: outcome === 'fresh' || silentMs > graceMs,
            awaitMs: graceMs,
          });
        }
      }
      this.flush(outcome === 'seat');
      this.setState('open');
      room?.handleSignalingUp();
    } catch (err) {
      if (generation !== this.generation) return;
      if (err instanceof ConfabClientError) {
        // Lost again (the next welcome starts over), or no answer: take the socket for dead.
        if (err.code === 'REQUEST_TIMEOUT') this.options.channel.drop();
        return;
      }
      this.outbox.clear();
      room?.close();
      this.setState('open');
      if (err instanceof ConfabError) this.options.onRejoinFailed(err);
      else throw err;
    }
  }

  private rejoin(room: Room): Promise<ServerMessageOf<'joined'>> {
    const password = this.passwords.get(room);
    return this.options.channel.request({
      type: 'join',
      room: room.name,
      name: room.self.name,
      media: room.self.media,
      ...(password === undefined ? {} : { password }),
    });
  }

  private flush(withMedia: boolean): void {
    for (const msg of this.outbox.drain({ withMedia })) {
      if (!this.options.channel.send(msg)) return;
    }
  }

  private leaveQuietly(): void {
    void this.options.channel.request({ type: 'leave' }).catch(() => {});
  }
}
