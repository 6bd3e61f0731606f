import { describe, expect, it, vi } from 'vitest';
import { RecordingController, type RecordingLike } from './recording-controller.js';

/** A recording that stops when told, handing over `final`; `snapshot()` gives `partial`. */
function fakeRecording() {
  const listeners: ((blob: Blob) => void)[] = [];
  const final = new Blob(['whole file']);
  const partial = new Blob(['part']);
  const recording: RecordingLike & { final: Blob; partial: Blob; recording: boolean } = {
    fileName: 'confab-room-2026-12-04-1200.webm',
    recording: true,
    final,
    partial,
    stop: vi.fn(async () => {
      if (recording.recording) {
        recording.recording = false;
        for (const l of listeners.splice(0)) l(final);
      }
      return final;
    }),
    snapshot: () => partial,
    once: (_event, listener) => {
      listeners.push(listener);
      return () => {};
    },
  };
  return recording;
}

describe('RecordingController', () => {
  it('Record then Stop saves the file under its name, once', async () => {
    const recording = fakeRecording();
    const save = vi.fn();
    const controller = new RecordingController({ record: () => recording }, save);
    controller.toggle();
    expect(controller.getSnapshot()).toEqual({ state: 'recording' });
    expect(controller.recording).toBe(true);
    await controller.stop();
    await controller.stop();
    expect(save).toHaveBeenCalledOnce();
    expect(save).toHaveBeenCalledWith(recording.final, recording.fileName);
    expect(controller.getSnapshot()).toEqual({ state: 'saved', fileName: recording.fileName });
  });

  it('a recording that stops by itself (the room closed) is saved too', async () => {
    const recording = fakeRecording();
    const save = vi.fn();
    const controller = new RecordingController({ record: () => recording }, save);
    controller.start();
    await recording.stop();
    expect(save).toHaveBeenCalledWith(recording.final, recording.fileName);
  });

  it('a page going away saves what was recorded so far at once, and only that', async () => {
    const recording = fakeRecording();
    const save = vi.fn();
    const controller = new RecordingController({ record: () => recording }, save);
    controller.start();
    controller.handlePageHide();
    await Promise.resolve();
    expect(save).toHaveBeenCalledOnce();
    expect(save).toHaveBeenCalledWith(recording.partial, recording.fileName);
    expect(recording.stop).toHaveBeenCalled();
  });

  it('a browser that cannot record says so, and nothing is recording', () => {
    const controller = new RecordingController(
      {
        record: () => {
          throw Object.assign(new Error('no'), { code: 'RECORDING_UNSUPPORTED' });
        },
      },
      vi.fn(),
    );
    controller.start();
    expect(controller.getSnapshot()).toEqual({ state: 'failed', reason: 'unsupported' });
    expect(controller.recording).toBe(false);
  });
});
