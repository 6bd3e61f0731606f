import { describe, expect, it } from 'vitest';
import { ConfigError, LAMBDA_HEARTBEAT_MS, loadLambdaConfig } from './config.js';

const TABLES = { CONNECTIONS_TABLE: 'c', ROOMS_TABLE: 'r', DIRECTORY_TABLE: 'd' };

describe('loadLambdaConfig', () => {
  it('defaults to a 60 s heartbeat, well under API Gateway’s 10-minute idle timeout', () => {
    const config = loadLambdaConfig(TABLES);
    expect(config).toMatchObject({ heartbeatMs: LAMBDA_HEARTBEAT_MS, maxPeers: 4, maxMessageBytes: 64 * 1024, iceServers: [], auth: undefined, prejoin: true });
    expect(config.tables).toEqual({ connections: 'c', rooms: 'r', directory: 'd' });
  });

  it('reads the lists and the auth settings', () => {
    const config = loadLambdaConfig({
      ...TABLES,
      STUN_URLS: 'stun:a.example:3478, stun:b.example:3478',
      ALLOWED_ORIGINS: 'https://x.cloudfront.net,https://calls.example',
      AUTH_SECRET: 's'.repeat(32),
      AUTH_ISSUER: 'confab',
    });
    expect(config.iceServers).toEqual([{ urls: ['stun:a.example:3478', 'stun:b.example:3478'] }]);
    expect(config.allowedOrigins).toEqual(['https://x.cloudfront.net', 'https://calls.example']);
    expect(config.auth).toEqual({ secret: 's'.repeat(32), issuer: 'confab' });
  });

  it.each([
    ['off', false],
    ['0', false],
    ['on', true],
    ['true', true],
  ])('reads PREJOIN=%s as %s', (value, prejoin) => {
    expect(loadLambdaConfig({ ...TABLES, PREJOIN: value }).prejoin).toBe(prejoin);
  });

  it.each([
    [{ CONNECTIONS_TABLE: 'c', ROOMS_TABLE: 'r' }, /DIRECTORY_TABLE must be set/],
    [{ ...TABLES, PREJOIN: 'maybe' }, /PREJOIN must be on or off/],
    [{ ...TABLES, HEARTBEAT_MS: '600000' }, /HEARTBEAT_MS must be an integer from 1000 to 300000/],
    [{ ...TABLES, MAX_MESSAGE_BYTES: String(256 * 1024) }, /MAX_MESSAGE_BYTES/],
    [{ ...TABLES, AUTH_SECRET: 'short' }, /at least 32 characters/],
    [{ ...TABLES, AUTH_SECRET: 's'.repeat(32), AUTH_JWKS_URL: 'https://x/jwks' }, /not both/],
    [{ ...TABLES, LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ...TABLES, RESUME_SECRET: 'short' }, /RESUME_SECRET must be at least 32/],
  ])('refuses a bad environment (%o)', (env, message) => {
    expect(() => loadLambdaConfig(env)).toThrow(ConfigError);
    expect(() => loadLambdaConfig(env)).toThrow(message);
  });
});
