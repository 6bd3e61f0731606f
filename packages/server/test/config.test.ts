import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to port 8080, 4 peers, 64 KiB messages and no ICE servers', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', maxPeers: 4, maxMessageBytes: 65536, stunUrls: [], tls: undefined });
  });

  it('reads the variables', () => {
    const c = loadConfig({ PORT: '9000', HOST: '127.0.0.1', MAX_PEERS: '6', STUN_URLS: 'stun:a:3478, stun:b:3478' });
    expect(c).toMatchObject({ port: 9000, host: '127.0.0.1', maxPeers: 6, stunUrls: ['stun:a:3478', 'stun:b:3478'] });
  });

  it('prepared joins are on unless PREJOIN=off', () => {
    expect(loadConfig({}).prejoin).toBe(true);
    expect(loadConfig({ PREJOIN: 'on' }).prejoin).toBe(true);
    expect(loadConfig({ PREJOIN: 'off' }).prejoin).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ MAX_PEERS: '0' }, /MAX_PEERS/],
    [{ TLS_CERT: '/x.pem' }, /TLS_CERT and TLS_KEY/],
    [{ HEARTBEAT_INTERVAL_MS: '5000', HEARTBEAT_TIMEOUT_MS: '4000' }, /HEARTBEAT_TIMEOUT_MS/],
    [{ PREJOIN: 'maybe' }, /PREJOIN must be on or off/],
  ])('refuses %o with a clear message', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });
});
