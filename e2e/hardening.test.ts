import { connect as tcpConnect, type Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { uniqueRoom } from './harness/ui.js';

/**
 * After a barrage of abuse against the real server, two people still meet on video: attacks cost
 * the attacker its connection, never the service.
 */

const browser = useBrowser();

function wsUrl(base: string): string {
  return `${base.replace('http', 'ws')}/ws`;
}

function open(base: string): Promise<WebSocket> {
  const ws = new WebSocket(wsUrl(base));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('a call after an attack', () => {
  const { stage } = useServerAndStage(browser, {
    RATE_LIMIT_PER_SECOND: '20',
    RATE_LIMIT_BURST: '40',
    HELLO_TIMEOUT_MS: '1000',
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '2000',
  });

  test('floods, oversize and garbage frames, silent sockets and slowloris leave a two-person call working', async () => {
    const base = stage.url;

    const flooder = await open(base);
    const flooderClosed = closed(flooder);
    for (let i = 0; i < 3000 && flooder.readyState === WebSocket.OPEN; i++) flooder.send('{"type":"ping"}');
    expect(await flooderClosed).toBe(1008);

    const big = await open(base);
    const bigClosed = closed(big);
    big.send('x'.repeat(70 * 1024));
    expect(await bigClosed).toBe(1009);

    const junk = await open(base);
    const codes: string[] = [];
    junk.on('message', (d) => codes.push((JSON.parse(String(d)) as { code?: string }).code ?? ''));
    for (const frame of ['{', '[]', '{"type":"x"}', '[[[[[[[[[[[[]]]]]]]]]]]]', '{"type":"join","room":"../x","name":"e"}']) junk.send(frame);
    junk.send(Buffer.from([1, 2, 3]), { binary: true });
    await expect.poll(() => codes.length, { timeout: 5000 }).toBe(6);
    expect(codes).toEqual(['INVALID_JSON', 'INVALID_MESSAGE', 'UNKNOWN_TYPE', 'INVALID_JSON', 'INVALID_ROOM', 'BINARY_NOT_SUPPORTED']);
    junk.terminate();

    const silent = await Promise.all(Array.from({ length: 10 }, () => open(base)));
    const silentCodes = await Promise.all(silent.map(closed));
    expect(silentCodes).toEqual(Array(10).fill(1008));

    const port = Number(new URL(base).port);
    const loris: Socket[] = [];
    for (let i = 0; i < 50; i++) {
      const s = tcpConnect(port, '127.0.0.1');
      s.on('error', () => {});
      s.resume();
      s.write('GET / HTTP/1.1\r\nHost: x\r\n');
      loris.push(s);
    }

    const started = Date.now();
    await stage.pair(uniqueRoom('after-attack'));
    console.log(`after the attacks, a two-person call had video both ways in ${Date.now() - started} ms`);
    for (const s of loris) s.destroy();
  });
});
