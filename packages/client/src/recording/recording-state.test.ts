import { describe, expect, it, vi } from 'vitest';
import { dataMesh, useDataMeshEnvironment } from '../../test/data-mesh.js';
import { isRecordingWireMessage, RECORDING_CHANNEL } from './recording-state.js';
import type { RoomRecording } from './room-recording.js';

useDataMeshEnvironment();

const settle = () => vi.runAllTimersAsync();

describe('recording messages', () => {
  it('accepts recording with a start time, or not recording; refuses anything else', () => {
    expect(isRecordingWireMessage({ recording: true, since: 5 })).toBe(true);
    expect(isRecordingWireMessage({ recording: false })).toBe(true);
    for (const bad of [null, 'on', {}, { recording: true }, { recording: true, since: NaN }, { recording: 1, since: 5 }, { recording: false, since: 5 }]) {
      expect(isRecordingWireMessage(bad)).toBe(false);
    }
  });
});

describe('RecordingState over the mesh', () => {
  it('a recording is announced to everyone while it runs, and not after', async () => {
    const mesh = dataMesh(['ann', 'bob', 'cy']);
    const ann = mesh.get('ann')!.data.recording;
    vi.setSystemTime(5_000);
    ann.announce(true);
    expect(ann.isRecording).toBe(true);
    expect(ann.recorders).toEqual([{ peerId: 'ann', name: 'ANN', since: 5_000, self: true }]);
    await settle();
    for (const id of ['bob', 'cy']) {
      expect(mesh.get(id)!.data.recording.recorders).toEqual([{ peerId: 'ann', name: 'ANN', since: 5_000, self: false }]);
    }
    ann.announce(false);
    await settle();
    for (const id of ['ann', 'bob', 'cy']) expect(mesh.get(id)!.data.recording.recorders).toEqual([]);
  });

  it('someone joining later learns that a recording is running', async () => {
    const mesh = dataMesh(['ann', 'bob'], { open: false });
    const ann = mesh.get('ann')!;
    const bob = mesh.get('bob')!;
    ann.data.recording.announce(true);
    await settle();
    expect(bob.data.recording.recorders).toEqual([]);
    bob.channels.get('ann')!.messages.open();
    await settle();
    expect(bob.data.recording.recorders.map((r) => r.peerId)).toEqual(['ann']);
  });

  it('a recorder who leaves is no longer shown', async () => {
    const mesh = dataMesh(['ann', 'bob']);
    mesh.get('ann')!.data.recording.announce(true);
    await settle();
    const bob = mesh.get('bob')!.data;
    expect(bob.recording.recorders).toHaveLength(1);
    bob.removePeer('ann');
    expect(bob.recording.recorders).toEqual([]);
  });

  it('current is your recording in progress: set when it is announced, cleared when that one (not another) stops', () => {
    const ann = dataMesh(['ann', 'bob']).get('ann')!.data.recording;
    const first = {} as RoomRecording;
    const other = {} as RoomRecording;
    expect(ann.current).toBeNull();
    ann.announce(true, first);
    expect(ann.current).toBe(first);
    ann.announce(false, other);
    expect(ann.current).toBe(first);
    ann.announce(false, first);
    expect(ann.current).toBeNull();
  });

  it('a forged announcement that does not validate is dropped', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bob = dataMesh(['ann', 'bob']).get('bob')!;
    bob.channels.get('ann')!.messages.receive(JSON.stringify({ ch: RECORDING_CHANNEL, body: { recording: 'yes' } }));
    await settle();
    expect(bob.data.recording.recorders).toEqual([]);
  });
});
