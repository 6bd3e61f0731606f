import { describe, expect, it } from 'vitest';
import { resolveSignalingUrl } from './web-socket.js';

describe('resolveSignalingUrl', () => {
  it('resolves a relative path against an http page as ws', () => {
    expect(resolveSignalingUrl('/ws', 'http://localhost:8080/r/standup')).toBe('ws://localhost:8080/ws');
  });

  it('resolves a relative path against an https page as wss', () => {
    expect(resolveSignalingUrl('/ws', 'https://calls.example.com/r/standup#x')).toBe('wss://calls.example.com/ws');
  });

  it('turns absolute http(s) URLs into ws(s) and keeps ws(s) URLs', () => {
    expect(resolveSignalingUrl('https://calls.example.com/ws?x=1', undefined)).toBe('wss://calls.example.com/ws?x=1');
    expect(resolveSignalingUrl('ws://10.0.0.2:3000/ws', 'https://other.example.com/')).toBe('ws://10.0.0.2:3000/ws');
  });

  it('rejects a relative URL without a page location, and other schemes', () => {
    expect(() => resolveSignalingUrl('/ws', undefined)).toThrow(TypeError);
    expect(() => resolveSignalingUrl('ftp://example.com/ws', undefined)).toThrow(/ws:, wss:/);
  });
});
