import assert from 'node:assert/strict';
import { test } from 'vitest';
import { ignoreFailure, ignoreSignal, type RelayClient } from './clients/relay-client.js';
import { EchoLoop } from './echo-loop.js';
import type { CandidateData } from './signal-payload.js';

/** Two in-memory clients whose sends are queued, to be delivered one by one by `step`. */
function fakePair() {
  const wire: Array<() => void> = [];
  const make = (id: string): RelayClient & { peer?: RelayClient } => {
    const client: RelayClient & { peer?: RelayClient } = {
      id,
      onSignal: ignoreSignal,
      onFailure: ignoreFailure,
      send(to: string, data: CandidateData) {
        wire.push(() => client.peer!.onSignal(id, structuredClone(data)));
      },
      close() {},
    };
    return client;
  };
  const a = make('a');
  const b = make('b');
  a.peer = b;
  b.peer = a;
  const step = () => wire.shift()?.();
  return { a, b, wire, step };
}

test('each echo completes a round trip and, while active, sends the next request', () => {
  const { a, b, wire, step } = fakePair();
  const loop = new EchoLoop(EchoLoop.pairOf(a, b));
  const rtts: number[] = [];
  loop.record(rtts);
  loop.start([loop.endpoints[0]!], 2);
  assert.equal(wire.length, 2);
  for (let i = 0; i < 20; i++) step();
  assert.equal(loop.failures, 0);
  assert.equal(rtts.length, 10);
  assert.equal(loop.inFlight, 2, 'two requests stay in flight');
  assert.equal(loop.received, 20, 'requests and echoes both count as relayed');
});

test('after stop, the round trips in flight complete and no new ones start', () => {
  const { a, b, step } = fakePair();
  const loop = new EchoLoop(EchoLoop.pairOf(a, b));
  loop.start(loop.endpoints, 3);
  loop.stop();
  for (let i = 0; i < 12; i++) step();
  assert.equal(loop.inFlight, 0);
  assert.equal(loop.failures, 0);
});

test('an echo that answers no outstanding request is counted as a failure', () => {
  const { a, b } = fakePair();
  const loop = new EchoLoop(EchoLoop.pairOf(a, b));
  a.onSignal('b', { candidate: { candidate: 'candidate:000000005 1 udp', sdpMid: '0', sdpMLineIndex: 1, usernameFragment: 'x' } });
  assert.equal(loop.failures, 1);
  assert.match(loop.firstFailure!, /does not answer/);
});
