/** A tick closer than this share of the interval to the start of the previous one is skipped (two clocks feed it). */
const MIN_TICK_SHARE = 0.8;
/**
 * After a tick that took `d` ms, the next one waits at least `d × REST_FACTOR` after it ended: however
 * slow a tick gets (a busy machine), it never takes more than half of the page's main thread.
 */
const REST_FACTOR = 1;

/**
 * Decides whether a wake-up from a clock runs the tick: not sooner than MIN_TICK_SHARE of the
 * interval after the previous one started, and not before it has rested as long as the previous
 * one took. The test is made when the wake-up is handled, and a wake-up that fails it is dropped,
 * never kept for later: ticks cannot queue up behind a slow one.
 */
export class TickGate {
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastEnd = Number.NEGATIVE_INFINITY;
  private lastDuration = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  /** Runs `onTick` if one is due; true if it ran. */
  run(onTick: () => void): boolean {
    const start = this.now();
    if (start - this.lastStart < this.intervalMs * MIN_TICK_SHARE) return false;
    if (start - this.lastEnd < this.lastDuration * REST_FACTOR) return false;
    this.lastStart = start;
    try {
      onTick();
    } finally {
      this.lastEnd = this.now();
      this.lastDuration = this.lastEnd - start;
    }
    return true;
  }
}

/** The Web Audio graph an audio clock runs in: the context, and a node its silent source may feed. */
export interface AudioClockSource {
  context: BaseAudioContext;
  /** Where the clock's silent source is connected, so the context renders it (the recording's own mix). */
  sink?: AudioNode;
}

export interface TickerOptions {
  now?: () => number;
  /** Also tick on this audio context's clock, which a background tab does not throttle. */
  audio?: AudioClockSource;
}

/**
 * Calls `onTick` about every `intervalMs`, through a TickGate. Two clocks wake it: the page's
 * own timer, and, given `audio`, the audio clock (see startAudioClock). The page's timers are
 * throttled in a background tab (once a second, after minutes once a minute in Chromium); the
 * audio clock is not, so a recording keeps its frame rate when its tab is not in front. Neither
 * clock can pile up work: the page timer does not queue missed runs, the audio clock has one
 * wake-up outstanding at a time, and the gate drops what is not due. Returns the function that
 * stops it.
 */
export function startTicker(intervalMs: number, onTick: () => void, options: TickerOptions = {}): () => void {
  const gate = new TickGate(intervalMs, options.now ?? (() => performance.now()));
  const wake = () => void gate.run(onTick);
  const timer = setInterval(wake, intervalMs);
  const stopAudio = options.audio ? startAudioClock(options.audio, intervalMs, wake) : undefined;
  return () => {
    clearInterval(timer);
    stopAudio?.();
  };
}

/**
 * Calls `wake` about every `intervalMs` of the audio context's time: a silent ConstantSourceNode
 * played for one interval, whose `ended` event (a media task, which Chromium does not throttle in
 * a background tab as it does timers) wakes the page; the next one is scheduled only once `wake`
 * has returned, so wake-ups never queue behind a slow one. Nothing happens while the context is
 * suspended; it stops for good when the context closes. Returns the function that stops it.
 *
 * Why not a Web Worker's timer: a worker posts its ticks whether or not the page keeps up, and
 * the messages queue. With a blob: worker (allowed by the CSP for a while) a recording page whose
 * frames took longer to draw than the interval (hundreds of ms each on the 2-core e2e machine)
 * fell further behind every second and stopped responding (docs/data-channels.md).
 */
export function startAudioClock({ context, sink }: AudioClockSource, intervalMs: number, wake: () => void): () => void {
  let stopped = false;
  let current: ConstantSourceNode | undefined;
  const next = () => {
    if (stopped || context.state === 'closed') return;
    let source: ConstantSourceNode;
    try {
      source = context.createConstantSource();
      source.offset.value = 0;
      if (sink) source.connect(sink);
      source.start();
      source.stop(context.currentTime + intervalMs / 1000);
    } catch {
      return; // The context went away between the check and here: the page timer goes on alone.
    }
    current = source;
    source.onended = () => {
      source.disconnect();
      if (current === source) current = undefined;
      try {
        wake();
      } finally {
        next();
      }
    };
  };
  next();
  return () => {
    stopped = true;
    if (!current) return;
    current.onended = null;
    current.disconnect();
    current = undefined;
  };
}
