import { SignalLedger, type SignalVerdict } from './accounting.js';
import { ErrorTally } from './error-tally.js';
import { LatencyRecorder, type Percentiles } from './latency.js';
import type { LoadOptions } from './options.js';
import { asStepFailed, LoadPeer, type PeerDeps } from './peer.js';

/**
 * A load run: `peers` seats spread round robin over `rooms`. Each seat joins (paced by `rate`
 * and `inflight`), negotiates with its room, and stays; churn makes random present peers leave
 * and join again. At the end, joins stop, the signals still in flight get `drain` seconds to
 * arrive, the ledger gives its verdict, and everyone leaves.
 */

/** How often the join queue and the token bucket are looked at. */
const PUMP_INTERVAL_MS = 10;
/** A seat whose join failed for a passing reason tries again after this long. */
const RETRY_DELAY_MS = 1_000;
/** How often the end of the run checks whether the last joins, leaves and signals are done. */
const SETTLE_POLL_MS = 20;
/** Refusals that will not go away by retrying: the seat gives up. */
const FATAL_CODES = new Set(['ROOM_FULL', 'AUTH_REQUIRED', 'AUTH_INVALID', 'AUTH_EXPIRED', 'ROOM_NOT_ALLOWED', 'UNSUPPORTED_VERSION', 'PASSWORD_REQUIRED']);

type SeatState = 'waiting' | 'queued' | 'joining' | 'present' | 'leaving' | 'failed';

interface Seat {
  index: number;
  room: string;
  state: SeatState;
  peer: LoadPeer | undefined;
}

export interface ScenarioStatus {
  elapsedMs: number;
  present: number;
  target: number;
  joins: number;
  leaves: number;
  signalsSent: number;
  signalsDelivered: number;
  inFlight: number;
  errors: number;
  relayP50Ms: number;
}

export interface ScenarioResult {
  elapsedMs: number;
  joins: number;
  leaves: number;
  peakPresent: number;
  /** Seats that gave up after a refusal no retry can fix (ROOM_FULL, AUTH_*). */
  seatsFailed: number;
  connectMs: Percentiles;
  joinMs: Percentiles;
  relayMs: Percentiles;
  relayDescriptionMs: Percentiles;
  relayCandidateMs: Percentiles;
  signals: SignalVerdict;
  errors: Array<{ code: string; count: number; firstMessage: string }>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Scenario {
  private readonly ledger = new SignalLedger();
  private readonly errors = new ErrorTally();
  private readonly connectMs = new LatencyRecorder();
  private readonly joinMs = new LatencyRecorder();
  private readonly relayMs = new LatencyRecorder();
  private readonly relayDescriptionMs = new LatencyRecorder();
  private readonly relayCandidateMs = new LatencyRecorder();
  private readonly seats: Seat[];
  private readonly queue: Seat[] = [];
  private readonly deps: PeerDeps;
  private tokens = 1;
  private joining = 0;
  private joins = 0;
  private leaves = 0;
  private peakPresent = 0;
  private stopping = false;
  private startedAt = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly seatsIn: Record<SeatState, number> = { waiting: 0, queued: 0, joining: 0, present: 0, leaving: 0, failed: 0 };

  constructor(private readonly options: LoadOptions) {
    this.seats = Array.from({ length: options.peers }, (_, index) => ({
      index,
      room: `${options.roomPrefix}-${index % options.rooms}`,
      state: 'waiting' as SeatState,
      peer: undefined,
    }));
    this.seatsIn.waiting = options.peers;
    this.ledger.onLatency((ms, kind) => {
      this.relayMs.record(ms);
      (kind === 'candidate' ? this.relayCandidateMs : this.relayDescriptionMs).record(ms);
    });
    this.deps = {
      url: options.url,
      token: options.token,
      insecure: options.insecure,
      ledger: this.ledger,
      errors: this.errors,
      candidatesPerPair: options.candidates,
      onConnectLatency: (ms) => this.connectMs.record(ms),
      onJoinLatency: (ms) => this.joinMs.record(ms),
    };
  }

  status(): ScenarioStatus {
    return {
      elapsedMs: this.startedAt === 0 ? 0 : performance.now() - this.startedAt,
      present: this.count('present'),
      target: this.options.peers,
      joins: this.joins,
      leaves: this.leaves,
      signalsSent: this.ledger.sentCount,
      signalsDelivered: this.ledger.deliveredSoFar,
      inFlight: this.ledger.inFlight,
      errors: this.errors.total,
      relayP50Ms: this.relayMs.count > 0 ? this.relayMs.percentiles().p50 : NaN,
    };
  }

  async run(): Promise<ScenarioResult> {
    this.startedAt = performance.now();
    for (const seat of this.seats) this.enqueue(seat);
    const pump = setInterval(() => this.pump(), PUMP_INTERVAL_MS);
    const churn = this.options.churnPerSecond > 0 ? setInterval(() => this.churnOne(), 1000 / this.options.churnPerSecond) : undefined;
    this.pump();
    try {
      await sleep(this.options.durationMs);
    } finally {
      this.stopping = true;
      clearInterval(pump);
      if (churn) clearInterval(churn);
    }
    // The joins and leaves under way finish (or time out) before the accounting.
    await Promise.allSettled([...this.pending]);
    await this.drain();
    const signals = this.ledger.verdict();
    const elapsedMs = performance.now() - this.startedAt;
    await this.leaveAll();
    return {
      elapsedMs,
      joins: this.joins,
      leaves: this.leaves,
      peakPresent: this.peakPresent,
      seatsFailed: this.count('failed'),
      connectMs: this.connectMs.percentiles(),
      joinMs: this.joinMs.percentiles(),
      relayMs: this.relayMs.percentiles(),
      relayDescriptionMs: this.relayDescriptionMs.percentiles(),
      relayCandidateMs: this.relayCandidateMs.percentiles(),
      signals,
      errors: this.errors.entries(),
    };
  }

  private count(state: SeatState): number {
    return this.seatsIn[state];
  }

  private move(seat: Seat, state: SeatState): void {
    this.seatsIn[seat.state]--;
    this.seatsIn[state]++;
    seat.state = state;
  }

  private enqueue(seat: Seat): void {
    if (this.stopping) return;
    this.move(seat, 'queued');
    this.queue.push(seat);
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Starts queued joins while the rate's token bucket and the in-flight limit allow. */
  private pump(): void {
    const burst = Math.max(1, this.options.joinsPerSecond * (PUMP_INTERVAL_MS / 1000));
    this.tokens = Math.min(burst, this.tokens + this.options.joinsPerSecond * (PUMP_INTERVAL_MS / 1000));
    while (!this.stopping && this.queue.length > 0 && this.tokens >= 1 && this.joining < this.options.inflight) {
      this.tokens -= 1;
      const seat = this.queue.shift()!;
      this.track(this.join(seat));
    }
  }

  private async join(seat: Seat): Promise<void> {
    this.move(seat, 'joining');
    this.joining++;
    try {
      const peer = await LoadPeer.connect(this.deps);
      seat.peer = peer;
      peer.onLost = () => this.lost(seat, peer);
      await peer.join(seat.room, `load-${seat.index}`);
      if (seat.peer !== peer) return; // lost while joining
      this.move(seat, 'present');
      this.joins++;
      this.peakPresent = Math.max(this.peakPresent, this.count('present'));
    } catch (error) {
      const failure = asStepFailed(error);
      this.errors.add(failure.code, failure.message);
      seat.peer?.close();
      seat.peer = undefined;
      if (FATAL_CODES.has(failure.code)) this.move(seat, 'failed');
      else this.retryLater(seat);
    } finally {
      this.joining--;
    }
  }

  private retryLater(seat: Seat): void {
    this.move(seat, 'waiting');
    const timer = setTimeout(() => this.enqueue(seat), RETRY_DELAY_MS);
    timer.unref();
  }

  /** The server dropped a present peer (already counted as an error): its seat joins again. */
  private lost(seat: Seat, peer: LoadPeer): void {
    if (seat.peer !== peer) return;
    seat.peer = undefined;
    if (seat.state === 'present') this.retryLater(seat);
  }

  private churnOne(): void {
    const present = this.seats.filter((s) => s.state === 'present');
    if (present.length === 0 || this.stopping) return;
    const seat = present[Math.floor(Math.random() * present.length)]!;
    const peer = seat.peer!;
    this.move(seat, 'leaving');
    this.leaves++;
    this.track(
      peer
        .leave()
        .catch((error: unknown) => {
          const failure = asStepFailed(error);
          this.errors.add(failure.code, failure.message);
        })
        .finally(() => {
          seat.peer = undefined;
          this.enqueue(seat);
        }),
    );
  }

  /** Waits until every signal to a present peer has arrived, or `drain` has passed. */
  private async drain(): Promise<void> {
    const deadline = performance.now() + this.options.drainMs;
    while (this.ledger.inFlight > 0 && performance.now() < deadline) await sleep(SETTLE_POLL_MS);
  }

  private async leaveAll(): Promise<void> {
    const leaving = this.seats.flatMap((seat) => {
      const peer = seat.peer;
      if (!peer) return [];
      seat.peer = undefined;
      this.move(seat, 'waiting');
      // leave() gives up after HANDSHAKE_TIMEOUT_MS and closes either way; a failure is an error.
      return [
        peer.leave().catch((error: unknown) => {
          const failure = asStepFailed(error);
          this.errors.add(failure.code, failure.message);
        }),
      ];
    });
    await Promise.all(leaving);
  }
}
