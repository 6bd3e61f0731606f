import { describe, expect, it } from 'vitest';
import { viewPeers, type PeerLike } from './peer-views.js';

function fakePeer(id: string, name = id): PeerLike & { tracks: { id: string }[]; media: { audio: boolean; video: boolean } } {
  const tracks: { id: string }[] = [];
  const stream = { getTracks: () => tracks } as unknown as MediaStream;
  return { id, name, media: { audio: true, video: true }, stream, connectionState: 'new', tracks };
}

describe('viewPeers', () => {
  it('returns the same array while nothing changed', () => {
    const peers = [fakePeer('a'), fakePeer('b')];
    const first = viewPeers(peers, []);
    expect(first.map((v) => v.id)).toEqual(['a', 'b']);
    expect(viewPeers(peers, first)).toBe(first);
  });

  it('makes a new view for a peer whose media changed, and keeps the others', () => {
    const a = fakePeer('a');
    const b = fakePeer('b');
    const first = viewPeers([a, b], []);
    a.media = { audio: false, video: true };
    const second = viewPeers([a, b], first);
    expect(second).not.toBe(first);
    expect(second[0]?.audio).toBe(false);
    expect(second[1]).toBe(first[1]);
  });

  it('notices a track arriving on the same stream', () => {
    const a = fakePeer('a');
    const first = viewPeers([a], []);
    a.tracks.push({ id: 't1' });
    const second = viewPeers([a], first);
    expect(second[0]?.trackIds).toBe('t1');
  });

  it('notices peers joining and leaving', () => {
    const a = fakePeer('a');
    const b = fakePeer('b');
    const first = viewPeers([a, b], []);
    expect(viewPeers([a], first).map((v) => v.id)).toEqual(['a']);
    expect(viewPeers([], first)).toEqual([]);
  });
});
