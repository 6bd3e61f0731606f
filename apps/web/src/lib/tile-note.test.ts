import { describe, expect, it } from 'vitest';
import type { PeerView } from './peer-views.js';
import { tileNote, tilePending } from './tile-note.js';

function peer(overrides: Partial<PeerView> = {}): PeerView {
  return {
    id: 'p1',
    name: 'Ann',
    audio: true,
    video: true,
    connectionState: 'connecting',
    route: 'unknown',
    stream: {} as MediaStream,
    trackIds: '',
    ...overrides,
  };
}

describe('tileNote', () => {
  it('says "Connecting…" for a camera with no picture yet only once the tile has waited long', () => {
    expect(tilePending(peer(), false)).toBe(true);
    expect(tileNote(peer(), false, false)).toBeNull();
    expect(tileNote(peer(), false, true)).toBe('room.connecting');
  });

  it('says nothing once the picture is there, however long it took', () => {
    expect(tilePending(peer({ connectionState: 'connected' }), true)).toBe(false);
    expect(tileNote(peer({ connectionState: 'connected' }), true, true)).toBeNull();
  });

  it('waits for the connection of someone whose camera is off', () => {
    const cameraOff = peer({ video: false });
    expect(tilePending(cameraOff, false)).toBe(true);
    expect(tileNote(cameraOff, false, true)).toBe('room.connecting');
    expect(tilePending({ ...cameraOff, connectionState: 'connected' }, false)).toBe(false);
    expect(tileNote({ ...cameraOff, connectionState: 'connected' }, false, true)).toBeNull();
  });

  it('says at once when the connection is in trouble', () => {
    expect(tileNote(peer({ connectionState: 'failed' }), false, false)).toBe('room.couldNotConnect');
    expect(tileNote(peer({ connectionState: 'disconnected' }), true, false)).toBe('room.reconnecting');
    expect(tilePending(peer({ connectionState: 'failed' }), false)).toBe(false);
  });
});
