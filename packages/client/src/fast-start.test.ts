import { describe, expect, it } from 'vitest';
import {
  availableOutgoingBitrate,
  endFastStart,
  FAST_START_HEIGHT,
  FAST_START_MAX_MS,
  fastStartCanEnd,
  fastStartEncodings,
  fastStartScale,
  FULL_SIZE_BPS,
  startSmall,
} from './fast-start.js';

const camera = (height: number) => ({ getSettings: () => ({ height }) }) as unknown as MediaStreamTrack;

/** A sender that keeps what setParameters was given, as a browser's does. */
function sender(encodings: RTCRtpEncodingParameters[] = [{ active: true }]) {
  let params = { encodings, transactionId: 't', codecs: [], headerExtensions: [], rtcp: {} } as unknown as RTCRtpSendParameters;
  let sets = 0;
  return {
    getParameters: () => structuredClone(params),
    setParameters: async (next: RTCRtpSendParameters) => {
      sets++;
      params = structuredClone(next);
    },
    get encoding() {
      return params.encodings[0];
    },
    get sets() {
      return sets;
    },
  };
}

describe('fast start', () => {
  it('scales a camera taller than FAST_START_HEIGHT down to it, and leaves smaller ones alone', () => {
    expect(fastStartScale(camera(720))).toBe(720 / FAST_START_HEIGHT);
    expect(fastStartScale(camera(1080))).toBe(3);
    expect(fastStartScale(camera(FAST_START_HEIGHT))).toBeUndefined();
    expect(fastStartScale(camera(240))).toBeUndefined();
    expect(fastStartScale(undefined)).toBeUndefined();
    expect(fastStartEncodings(camera(720))).toEqual([{ scaleResolutionDownBy: 2 }]);
    expect(fastStartEncodings(camera(360))).toBeUndefined();
  });

  it('a track that does not report its size is not scaled', () => {
    expect(fastStartScale({} as MediaStreamTrack)).toBeUndefined();
  });

  it('the answerer starts small on its existing sender, keeping the rest of the encoding', async () => {
    const s = sender([{ active: true, maxBitrate: 500_000 }]);
    expect(await startSmall(s, camera(720))).toBe(true);
    expect(s.encoding).toEqual({ active: true, maxBitrate: 500_000, scaleResolutionDownBy: 2 });
    expect(await startSmall(sender(), camera(360))).toBe(false);
  });

  it('the end goes back to full size', async () => {
    const s = sender([{ scaleResolutionDownBy: 2 }]);
    expect(await endFastStart(s, camera(720))).toBe(true);
    expect(s.encoding?.scaleResolutionDownBy).toBe(1);
  });

  it('the end leaves an encoding that something else changed meanwhile', async () => {
    const s = sender([{ scaleResolutionDownBy: 1.5 }]);
    expect(await endFastStart(s, camera(720))).toBe(false);
    expect(s.encoding?.scaleResolutionDownBy).toBe(1.5);
    expect(s.sets).toBe(0);
  });
});

describe('when the fast start may end', () => {
  const report = (...stats: Record<string, unknown>[]) => new Map(stats.map((s) => [s.id as string, s]));

  it('reads the estimate of the selected candidate pair', () => {
    const stats = report(
      { id: 'T1', type: 'transport', selectedCandidatePairId: 'P2' },
      { id: 'P1', type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 100 },
      { id: 'P2', type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 2_000_000 },
    );
    expect(availableOutgoingBitrate(stats)).toBe(2_000_000);
  });

  it('without a transport pointer, the nominated pair that works; none before there is one', () => {
    expect(
      availableOutgoingBitrate(
        report(
          { id: 'P1', type: 'candidate-pair', nominated: false, state: 'succeeded', availableOutgoingBitrate: 1 },
          { id: 'P2', type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 700_000 },
        ),
      ),
    ).toBe(700_000);
    expect(availableOutgoingBitrate(report({ id: 'P1', type: 'candidate-pair', state: 'in-progress' }))).toBeUndefined();
  });

  it('ends once the estimate carries the full size, or after the longest hold', () => {
    expect(fastStartCanEnd(FULL_SIZE_BPS, 1_000)).toBe(true);
    expect(fastStartCanEnd(FULL_SIZE_BPS - 1, 1_000)).toBe(false);
    expect(fastStartCanEnd(undefined, 1_000)).toBe(false);
    expect(fastStartCanEnd(undefined, FAST_START_MAX_MS)).toBe(true);
  });
});
