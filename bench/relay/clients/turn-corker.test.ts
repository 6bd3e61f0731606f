import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, test } from 'vitest';
import { TurnCorker } from './turn-corker.js';

/** A loopback pair: the client socket and the chunks its peer receives, one per read. */
async function loopbackPair(): Promise<{ client: Socket; chunks: Buffer[]; server: Server }> {
  const chunks: Buffer[] = [];
  const server = createServer((peer) => peer.on('data', (chunk: Buffer) => chunks.push(chunk)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  client.setNoDelay(true);
  await once(client, 'connect');
  return { client, chunks, server };
}

const open: Array<{ client: Socket; server: Server }> = [];
afterEach(() => {
  for (const { client, server } of open.splice(0)) {
    client.destroy();
    server.close();
  }
});

async function received(chunks: Buffer[], bytes: number): Promise<void> {
  while (chunks.reduce((n, c) => n + c.length, 0) < bytes) await new Promise((r) => setTimeout(r, 5));
}

test('the writes of one turn wait in the corked socket and leave together when the turn ends', async () => {
  const pair = await loopbackPair();
  open.push(pair);
  const corker = new TurnCorker();
  for (const word of ['one ', 'two ', 'three']) {
    corker.cork(pair.client);
    pair.client.write(word);
  }
  // Nothing left during the turn: all three are held by the socket, corked once.
  assert.equal(pair.client.writableCorked, 1);
  assert.equal(pair.client.writableLength, 'one two three'.length);
  await received(pair.chunks, 'one two three'.length);
  // One write, so one segment, so one read on the other side.
  assert.deepEqual(pair.chunks.map(String), ['one two three']);
  assert.equal(pair.client.writableCorked, 0);
});

test('disabled, it leaves every write alone', async () => {
  const pair = await loopbackPair();
  open.push(pair);
  const corker = new TurnCorker();
  corker.enabled = false;
  corker.cork(pair.client);
  pair.client.write('alone');
  assert.equal(pair.client.writableCorked, 0);
  assert.equal(pair.client.writableLength, 0);
  await received(pair.chunks, 'alone'.length);
  assert.equal(pair.chunks.map(String).join(''), 'alone');
});

test('each turn is corked and flushed on its own', async () => {
  const pair = await loopbackPair();
  open.push(pair);
  const corker = new TurnCorker();
  corker.cork(pair.client);
  pair.client.write('first');
  await new Promise((r) => setImmediate(r));
  assert.equal(pair.client.writableCorked, 0);
  corker.cork(pair.client);
  pair.client.write('second');
  assert.equal(pair.client.writableCorked, 1);
  await received(pair.chunks, 'firstsecond'.length);
  assert.equal(pair.chunks.map(String).join(''), 'firstsecond');
});
