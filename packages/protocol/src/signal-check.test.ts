import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientSignal } from './client-messages.js';
import { CANDIDATE_MAX, MAX_JSON_DEPTH, PEER_ID_MAX, REQUEST_ID_MAX, SDP_MAX } from './limits.js';
import { DEPTH_SCAN_MIN_LENGTH, parseClientMessage } from './parse.js';
import { isClientSignal } from './signal-check.js';

/** Strings at and around a limit, plus short arbitrary ones. */
const sized = (max: number) =>
  fc.oneof(
    { arbitrary: fc.string({ maxLength: 8 }), weight: 3 },
    { arbitrary: fc.constantFrom('a'.repeat(max - 1), 'a'.repeat(max), 'a'.repeat(max + 1)), weight: 1 },
  );
const peerIds = fc.oneof(fc.constantFrom('peer1', 'a-b_C9', 'Z', 'p'.repeat(PEER_ID_MAX)), sized(PEER_ID_MAX), fc.constantFrom('', 'a b', 'ü', 'a/b', 'a\n'));

const candidate = fc.record(
  {
    candidate: sized(CANDIDATE_MAX),
    sdpMid: fc.option(sized(64)),
    sdpMLineIndex: fc.option(fc.oneof(fc.integer({ min: -2, max: 1026 }), fc.constantFrom(-0, 0.5, 1e300, 1024, 1025))),
    usernameFragment: fc.option(sized(256)),
  },
  { requiredKeys: ['candidate'] },
);
const description = fc.record(
  {
    type: fc.constantFrom('offer', 'answer', 'pranswer', 'rollback', 'hack', ''),
    sdp: fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('x'.repeat(SDP_MAX), 'x'.repeat(SDP_MAX + 1))),
  },
  { requiredKeys: ['type'] },
);
const data = fc.oneof(fc.record({ candidate: fc.option(candidate) }), fc.record({ description }));
/** Signals of the right shape; their strings and numbers may still break a limit. */
const wellShaped = fc.record({ type: fc.constant('signal'), rid: sized(REQUEST_ID_MAX), to: peerIds, data }, { requiredKeys: ['type', 'to', 'data'] });

type Json = Record<string, unknown>;
/** Every object inside a value, the value first. */
const objectsOf = (value: unknown): Json[] =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? [value as Json, ...Object.values(value).flatMap(objectsOf)]
    : [];

/** A well-shaped signal with one of its objects broken: a key dropped, replaced by anything, or added. */
const broken = fc
  .tuple(
    wellShaped,
    fc.nat(),
    fc.constantFrom('drop', 'replace', 'add'),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('extra', '__proto__', 'constructor', 'type', 'from', 'candidate', 'description', 'sdp'),
  )
  .map(([signal, pick, how, value, extra]) => {
    const copy = JSON.parse(JSON.stringify(signal)) as Json;
    const objects = objectsOf(copy);
    const target = objects[pick % objects.length]!;
    const keys = Object.keys(target);
    const key = keys[pick % Math.max(keys.length, 1)];
    if (how === 'drop' && key !== undefined) delete target[key];
    else if (how === 'replace' && key !== undefined) target[key] = value;
    else Object.defineProperty(target, extra, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  });

const signals = fc.oneof({ arbitrary: wellShaped, weight: 3 }, { arbitrary: broken, weight: 3 }, { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 });

/** Generated messages per property; zod is the slow side of each comparison. */
const RUNS = 3_000;
/** Generous: the machine is shared. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** What JSON.parse would hand the check: the generated value through the wire. */
const viaWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

describe('isClientSignal', () => {
  it('accepts nothing that the ClientSignal schema refuses, and hands on exactly what the schema would', () => {
    fc.assert(
      fc.property(signals.map(viaWire), (value) => {
        const schema = ClientSignal.safeParse(value);
        if (isClientSignal(value)) {
          expect(schema.success).toBe(true);
          expect(value).toEqual(schema.data);
        }
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('accepts every signal the schema accepts, so the common message never pays for zod', () => {
    let accepted = 0;
    fc.assert(
      fc.property(signals.map(viaWire), (value) => {
        const schema = ClientSignal.safeParse(value);
        expect(isClientSignal(value)).toBe(schema.success);
        if (schema.success) accepted++;
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the accepting side often enough for the equality to mean something.
    expect(accepted).toBeGreaterThan(RUNS / 10);
  }, PROPERTY_TIMEOUT_MS);

  it('refuses values JSON cannot carry but an in-process caller could pass', () => {
    expect(isClientSignal({ type: 'signal', to: 'p', data: { candidate: { candidate: 'c', sdpMLineIndex: Number.NaN } } })).toBe(false);
    expect(isClientSignal({ type: 'signal', to: 'p', data: { candidate: { candidate: 'c', sdpMLineIndex: Infinity } } })).toBe(false);
    expect(isClientSignal([{ type: 'signal', to: 'p', data: { candidate: null } }])).toBe(false);
  });
});

describe('parseClientMessage with the fast signal check', () => {
  it('still refuses a frame nested too deeply, short or long, with INVALID_JSON', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(DEPTH_SCAN_MIN_LENGTH).toBeGreaterThan(2 * (MAX_JSON_DEPTH + 1));
    for (const text of [deep(MAX_JSON_DEPTH + 1), deep(DEPTH_SCAN_MIN_LENGTH), deep(DEPTH_SCAN_MIN_LENGTH) + ' ', '['.repeat(40_000)]) {
      const r = parseClientMessage(text);
      expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_JSON');
      expect(r.ok ? '' : r.error.message).toBe('JSON nests too deeply.');
    }
  });

  it('a long signal (an SDP offer) is measured before it is parsed and accepted', () => {
    const offer = { type: 'signal', to: 'p', data: { description: { type: 'offer', sdp: 'v=0\r\n'.repeat(1000) } } };
    const r = parseClientMessage(JSON.stringify(offer));
    expect(r.ok && r.msg).toEqual(offer);
  });
});
