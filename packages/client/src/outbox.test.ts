import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';

const signal = (n: number) => ({ type: 'signal' as const, to: 'bob', data: { candidate: { candidate: `c${n}` } } });
const media = (audio: boolean) => ({ type: 'media' as const, audio, video: true });

describe('Outbox', () => {
  it('keeps signals in order and only the latest media state, which goes last', () => {
    const outbox = new Outbox();
    outbox.add(media(false));
    outbox.add(signal(1));
    outbox.add(media(true));
    outbox.add(signal(2));
    expect(outbox.size).toBe(3);
    expect(outbox.drain()).toEqual([signal(1), signal(2), media(true)]);
    expect(outbox.size).toBe(0);
  });

  it('drops the oldest signals past its bound', () => {
    const outbox = new Outbox(2);
    for (let n = 1; n <= 4; n++) outbox.add(signal(n));
    expect(outbox.drain()).toEqual([signal(3), signal(4)]);
  });

  it('can drain without the media state (a rejoin states it in join)', () => {
    const outbox = new Outbox();
    outbox.add(media(false));
    outbox.add(signal(1));
    expect(outbox.drain({ withMedia: false })).toEqual([signal(1)]);
    expect(outbox.size).toBe(0);
  });
});
