import { describe, expect, it } from 'vitest';
import { loadSignalingUrl } from './signaling-url.js';

const answer = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('loadSignalingUrl', () => {
  it('uses signalingUrl from /config.json', async () => {
    expect(await loadSignalingUrl(answer(200, '{"signalingUrl":"wss://abc.execute-api.eu-west-1.amazonaws.com/prod"}'))).toBe(
      'wss://abc.execute-api.eu-west-1.amazonaws.com/prod',
    );
  });

  it.each([
    ['no file', answer(404, 'Not found')],
    ['an HTML fallback', answer(200, '<!doctype html>')],
    ['no usable URL', answer(200, '{"signalingUrl":"javascript:alert(1)"}')],
    ['a network error', (async () => Promise.reject(new Error('offline'))) as unknown as typeof fetch],
  ])('falls back to /ws with %s', async (_what, fetchFn) => {
    expect(await loadSignalingUrl(fetchFn)).toBe('/ws');
  });
});
