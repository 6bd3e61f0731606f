import { afterEach, beforeEach, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection } from './fake-rtc.js';

/** Every test of the calling file runs with the fake MediaStream and RTCPeerConnection as globals. */
export function useFakeRtc(): void {
  beforeEach(() => {
    vi.stubGlobal('MediaStream', FakeMediaStream);
    vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
    FakePeerConnection.instances = [];
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}
