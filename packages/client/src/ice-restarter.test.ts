import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ICE_DISCONNECTED_RESTART_MS, ICE_RESTART_MIN_INTERVAL_MS, IceRestarter } from './ice-restarter.js';
import { sdpSessionId } from './sdp-session.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function restarter(signaling = { up: true }) {
  const restart = vi.fn();
  const ice = new IceRestarter({ restart, canSignal: () => signaling.up });
  return { ice, restart, signaling };
}

describe('IceRestarter', () => {
  it('a failed connection restarts ICE at once', () => {
    const { ice, restart } = restarter();
    ice.onConnectionState('connected');
    ice.onConnectionState('failed');
    expect(restart).toHaveBeenCalledOnce();
    expect(ice.restarts).toBe(1);
  });

  it('a connection disconnected for more than 3 s restarts ICE; one that comes back sooner does not', () => {
    const { ice, restart } = restarter();
    ice.onConnectionState('connected');
    ice.onConnectionState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_RESTART_MS - 1);
    ice.onConnectionState('connected');
    vi.advanceTimersByTime(10_000);
    expect(restart).not.toHaveBeenCalled();

    ice.onConnectionState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_RESTART_MS);
    expect(restart).toHaveBeenCalledOnce();
  });

  it('while signaling is down the restart waits, and goes when signaling is back', () => {
    const { ice, restart, signaling } = restarter({ up: false });
    ice.onConnectionState('failed');
    expect(restart).not.toHaveBeenCalled();
    expect(ice.waiting).toBe(true);
    signaling.up = true;
    ice.handleSignalingUp();
    expect(restart).toHaveBeenCalledOnce();
    expect(ice.waiting).toBe(false);
  });

  it('a connection that recovers on its own while signaling is down needs no restart', () => {
    const { ice, restart, signaling } = restarter({ up: false });
    ice.onConnectionState('failed');
    ice.onConnectionState('connected');
    signaling.up = true;
    ice.handleSignalingUp();
    expect(restart).not.toHaveBeenCalled();
  });

  it('restarts are spaced by at least the minimum interval', () => {
    const { ice, restart } = restarter();
    ice.onConnectionState('failed');
    ice.onConnectionState('connecting');
    ice.onConnectionState('failed');
    expect(restart).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(ICE_RESTART_MIN_INTERVAL_MS);
    expect(restart).toHaveBeenCalledTimes(2);
  });

  it('closing stops every timer', () => {
    const { ice, restart } = restarter();
    ice.onConnectionState('disconnected');
    ice.close();
    vi.advanceTimersByTime(60_000);
    expect(restart).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('sdpSessionId', () => {
  it('reads the session id of the o= line', () => {
    const sdp = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\n';
    expect(sdpSessionId(sdp)).toBe('4611731400430051336');
    expect(sdpSessionId('v=0\r\n')).toBeUndefined();
    expect(sdpSessionId(undefined)).toBeUndefined();
  });
});

describe('IceRestarter.check (the page is back from the background)', () => {
  it('a disconnected connection restarts at once, without waiting for the timer; a connected one does nothing', () => {
    const { ice, restart } = restarter();
    ice.onConnectionState('connected');
    ice.check();
    expect(restart).not.toHaveBeenCalled();
    ice.onConnectionState('disconnected');
    ice.check();
    expect(restart).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(ICE_DISCONNECTED_RESTART_MS);
    expect(restart).toHaveBeenCalledOnce();
  });

  it('waits for signaling, and keeps the spacing between restarts', () => {
    const { ice, restart, signaling } = restarter({ up: false });
    ice.onConnectionState('failed');
    ice.check();
    expect(restart).not.toHaveBeenCalled();
    signaling.up = true;
    ice.handleSignalingUp();
    expect(restart).toHaveBeenCalledOnce();
    ice.check();
    expect(restart).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(ICE_RESTART_MIN_INTERVAL_MS);
    expect(restart).toHaveBeenCalledTimes(2);
  });
});
