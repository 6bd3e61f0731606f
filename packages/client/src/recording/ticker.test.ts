import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAudioClock, startTicker, TickGate } from './ticker.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TickGate', () => {
  it('runs a tick at most once per interval (less a margin), however many clocks wake it', () => {
    let time = 0;
    const gate = new TickGate(40, () => time);
    const onTick = vi.fn();
    expect(gate.run(onTick)).toBe(true);
    time = 10;
    expect(gate.run(onTick)).toBe(false);
    time = 31;
    expect(gate.run(onTick)).toBe(false);
    time = 32;
    expect(gate.run(onTick)).toBe(true);
    expect(onTick).toHaveBeenCalledTimes(2);
  });

  it('after a slow tick, waits as long as it took before the next: wake-ups meanwhile are dropped, not kept', () => {
    let time = 0;
    const gate = new TickGate(40, () => time);
    const slow = () => {
      time += 300;
    };
    expect(gate.run(slow)).toBe(true);
    // Twenty wake-ups that came while it ran (as a worker's messages would have) are handled now: none runs.
    for (let i = 0; i < 20; i++) expect(gate.run(() => {})).toBe(false);
    time = 599;
    expect(gate.run(() => {})).toBe(false);
    time = 600;
    expect(gate.run(() => {})).toBe(true);
  });

  it('a tick that throws still counts, and the gate goes on', () => {
    let time = 0;
    const gate = new TickGate(40, () => time);
    expect(() =>
      gate.run(() => {
        throw new Error('draw failed');
      }),
    ).toThrow('draw failed');
    time = 40;
    expect(gate.run(() => {})).toBe(true);
  });
});

describe('startTicker', () => {
  it('ticks every interval on the page timer, and stops', () => {
    const onTick = vi.fn();
    const stop = startTicker(40, onTick, { now: () => Date.now() });
    vi.advanceTimersByTime(400);
    expect(onTick).toHaveBeenCalledTimes(10);
    stop();
    vi.advanceTimersByTime(400);
    expect(onTick).toHaveBeenCalledTimes(10);
  });
});

/** The little of a ConstantSourceNode the audio clock uses; Node has no Web Audio. */
class FakeSource {
  readonly offset = { value: 1 };
  onended: (() => void) | null = null;
  stopAt: number | undefined;
  connected = false;
  connect(): void {
    this.connected = true;
  }
  disconnect(): void {
    this.connected = false;
  }
  start(): void {}
  stop(when: number): void {
    this.stopAt = when;
  }
  end(): void {
    this.onended?.();
  }
}

function fakeContext() {
  const sources: FakeSource[] = [];
  const context = {
    state: 'running' as AudioContextState,
    currentTime: 0,
    createConstantSource: () => {
      const source = new FakeSource();
      sources.push(source);
      return source;
    },
  };
  return { context: context as unknown as BaseAudioContext & { state: AudioContextState; currentTime: number }, sources };
}

describe('startAudioClock', () => {
  it('plays one silent source of one interval at a time, and schedules the next only once the wake-up has returned', () => {
    const { context, sources } = fakeContext();
    const seen: number[] = [];
    const stop = startAudioClock({ context }, 40, () => seen.push(sources.length));
    expect(sources).toHaveLength(1);
    expect(sources[0]!.offset.value).toBe(0);
    expect(sources[0]!.stopAt).toBeCloseTo(0.04);
    context.currentTime = 0.05;
    sources[0]!.end();
    // While waking, no second source existed yet.
    expect(seen).toEqual([1]);
    expect(sources).toHaveLength(2);
    expect(sources[1]!.stopAt).toBeCloseTo(0.09);
    stop();
    sources[1]!.end();
    expect(seen).toEqual([1]);
    expect(sources).toHaveLength(2);
  });

  it('feeds the sink it is given, and keeps going when a wake-up throws', () => {
    const { context, sources } = fakeContext();
    const sink = {} as AudioNode;
    startAudioClock({ context, sink }, 40, () => {
      throw new Error('draw failed');
    });
    expect(sources[0]!.connected).toBe(true);
    expect(() => sources[0]!.end()).toThrow('draw failed');
    expect(sources).toHaveLength(2);
  });

  it('stops for good once the context is closed', () => {
    const { context, sources } = fakeContext();
    const wake = vi.fn();
    startAudioClock({ context }, 40, wake);
    context.state = 'closed';
    sources[0]!.end();
    expect(wake).toHaveBeenCalledTimes(1);
    expect(sources).toHaveLength(1);
  });
});
