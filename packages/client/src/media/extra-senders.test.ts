import { describe, expect, it } from 'vitest';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from '../../test/fake-rtc.js';
import { ExtraSenders } from './extra-senders.js';

function setup() {
  const pc = new FakePeerConnection({});
  const extras = new ExtraSenders(pc as unknown as RTCPeerConnection);
  const track = new FakeTrack('video');
  const stream = new FakeMediaStream([track]);
  const extra = { track: track as unknown as MediaStreamTrack, stream: stream as unknown as MediaStream };
  return { pc, extras, extra };
}

describe('ExtraSenders', () => {
  it('holds a track added before the first negotiation and sends it send-only once ready', () => {
    const { pc, extras, extra } = setup();
    extras.add(extra);
    expect(pc.transceivers).toHaveLength(0);
    extras.ready();
    expect(pc.log).toEqual(['addTransceiver:video:sendonly']);
    expect(pc.transceivers[0]?.sender.streams[0]).toBe(extra.stream);
  });

  it('sends at once when ready, and only once per track', () => {
    const { pc, extras, extra } = setup();
    extras.ready();
    extras.add(extra);
    extras.add(extra);
    expect(pc.transceivers).toHaveLength(1);
  });

  it('stops the transceiver of a removed track, and drops one still waiting', () => {
    const { pc, extras, extra } = setup();
    extras.ready();
    extras.add(extra);
    extras.remove(extra.track);
    expect(pc.transceivers[0]?.stopped).toBe(true);
    expect(extras.tracks).toEqual([]);

    const waiting = setup();
    waiting.extras.add(waiting.extra);
    waiting.extras.remove(waiting.extra.track);
    waiting.extras.ready();
    expect(waiting.pc.transceivers).toHaveLength(0);
  });
});
