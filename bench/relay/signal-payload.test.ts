import assert from 'node:assert/strict';
import { test } from 'vitest';
import { candidateSignal, readCandidate, sameSeq } from './signal-payload.js';

test('a request and its echo carry the sequence number and their kind', () => {
  assert.deepEqual(readCandidate(candidateSignal(42, 'request')), { seq: 42, kind: 'request' });
  assert.deepEqual(readCandidate(candidateSignal(42, 'echo')), { seq: 42, kind: 'echo' });
});

test('every signal serialises to the same length, whatever its sequence number', () => {
  const length = (seq: number) => JSON.stringify(candidateSignal(seq, 'request')).length;
  assert.equal(length(0), length(999_999_999));
  assert.equal(length(7), length(1_000_000_007));
});

test('sequence numbers compare modulo the width of the foundation', () => {
  assert.ok(sameSeq(1_000_000_007, readCandidate(candidateSignal(1_000_000_007, 'echo'))!.seq));
  assert.ok(!sameSeq(1, 2));
});

test('data that is not one of the bench candidates is not read as one', () => {
  assert.equal(readCandidate({ candidate: null }), undefined);
  assert.equal(readCandidate({ description: { type: 'offer', sdp: 'v=0' } }), undefined);
  assert.equal(readCandidate('candidate:000000001'), undefined);
});
