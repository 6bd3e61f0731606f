import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientFrames } from '../test/arbitraries.js';
import { ClientSignal } from './client-messages.js';
import { CANDIDATE_MAX, PEER_ID_MAX, REQUEST_ID_MAX } from './limits.js';
import { relayedSignalJson, scanCandidateSignal } from './signal-scan.js';

/** Strings at and around a limit, short arbitrary ones, and ones the scanner must leave alone. */
const sized = (max: number) =>
  fc.oneof(
    { arbitrary: fc.string({ maxLength: 8 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
    { arbitrary: fc.constantFrom('a'.repeat(max - 1), 'a'.repeat(max), 'a'.repeat(max + 1), 'a"b', 'a\\b', '\u2028', '\ud800', '\ue000', 'é'), weight: 1 },
  );
const peerIds = fc.oneof(fc.constantFrom('peer1', 'a-b_C9', 'Z', 'p'.repeat(PEER_ID_MAX)), sized(PEER_ID_MAX), fc.constantFrom('', 'a b', 'ü', 'a/b', 'a\n'));
const mLineIndexes = fc.oneof(fc.integer({ min: -2, max: 1026 }), fc.constantFrom(-0, 0.5, 1e300, 1024, 1025, 10_000));

const candidate = fc.record(
  {
    candidate: sized(CANDIDATE_MAX),
    sdpMid: fc.option(sized(64)),
    sdpMLineIndex: fc.option(mLineIndexes),
    usernameFragment: fc.option(sized(256)),
  },
  { requiredKeys: ['candidate'] },
);
const data = fc.oneof(
  { arbitrary: fc.record({ candidate: fc.option(candidate) }), weight: 4 },
  { arbitrary: fc.record({ description: fc.record({ type: fc.constantFrom('offer', 'answer'), sdp: fc.string({ maxLength: 20 }) }) }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
);
/** Signals as the SDK writes them (JSON.stringify); their strings and numbers may break a limit. */
const signals = fc.record(
  { type: fc.constantFrom('signal', 'signal', 'signal', 'join'), rid: sized(REQUEST_ID_MAX), to: peerIds, data, extra: fc.jsonValue({ maxDepth: 1 }) },
  { requiredKeys: ['type', 'to', 'data'] },
);
const wireSignals = signals.map((s) => JSON.stringify(s));
/** Candidate signals of the right shape, for the acceptance side; limits may still break. */
const candidateSignals = fc
  .record(
    { type: fc.constant('signal'), rid: sized(REQUEST_ID_MAX), to: fc.oneof(fc.constantFrom('peer1', 'a-b_C9'), peerIds), data: fc.record({ candidate: fc.option(candidate, { freq: 8 }) }) },
    { requiredKeys: ['type', 'to', 'data'] },
  )
  .map((s) => JSON.stringify(s));

/** JSON text of values for each key, valid ones first, then ones near the edges of the rules. */
const VALUE_TEXTS: Record<string, readonly string[]> = {
  type: ['"signal"', '"join"', 'null'],
  to: ['"p"', '"a-b_C9"', '""', '"a b"', '1'],
  rid: ['"r1"', '""', 'null', '1'],
  candidate: ['"c"', '""', '"candidate:1 1 udp 1 198.51.100.7 46154 typ host"', '1', 'null', '"x'],
  sdpMid: ['"0"', 'null', '""', '0', `"${'m'.repeat(65)}"`],
  sdpMLineIndex: ['0', '7', '1024', 'null', '1025', '00', '01', '01024', '1e0', '-0', '1.0', '"0"', 'nul'],
  usernameFragment: ['"EsVy"', 'null', '""', '0'],
};
const valueFor = (key: string) =>
  fc.oneof(
    { arbitrary: fc.constant(VALUE_TEXTS[key]?.[0] ?? '0'), weight: 10 },
    { arbitrary: fc.constantFrom(...(VALUE_TEXTS[key] ?? ['0'])), weight: 4 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), weight: 1 },
  );
type Member = [string, string];
/**
 * An object written by hand from members `"key":value`, so that keys can repeat: the members
 * as generated, or with one member's value replaced, one member repeated (with another value), or
 * a member added, then in either order.
 */
const objectText = (base: fc.Arbitrary<Member[]>, keys: readonly string[], valueOf: (key: string) => fc.Arbitrary<string>) =>
  fc
    .tuple(base, fc.constantFrom('as is', 'as is', 'replace', 'repeat', 'add'), fc.nat(), fc.constantFrom(...keys, 'extra'), fc.boolean())
    .chain(([members, how, pick, added, reverse]) => {
      const i = pick % Math.max(members.length, 1);
      const key = how === 'add' || members.length === 0 ? added : members[i]![0];
      return valueOf(key).map((value) => {
        const out = [...members];
        if (how === 'replace' && out[i]) out[i] = [key, value];
        else if (how === 'repeat' && out[i]) out.splice(pick % (out.length + 1), 0, [key, value]);
        else if (how === 'add') out.push([key, value]);
        if (reverse) out.reverse();
        return `{${out.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
      });
    });
const OPTIONAL_CANDIDATE_KEYS = ['sdpMid', 'sdpMLineIndex', 'usernameFragment'];
const candidateTexts = objectText(
  fc
    .tuple(valueFor('candidate'), ...OPTIONAL_CANDIDATE_KEYS.map((k) => fc.option(valueFor(k), { freq: 2 })))
    .map(([candidate, ...rest]): Member[] => [['candidate', candidate], ...rest.flatMap((v, i): Member[] => (v === null ? [] : [[OPTIONAL_CANDIDATE_KEYS[i]!, v]]))]),
  ['candidate', ...OPTIONAL_CANDIDATE_KEYS],
  valueFor,
);
const dataTexts = objectText(
  fc.oneof({ arbitrary: candidateTexts, weight: 4 }, { arbitrary: fc.constant('null'), weight: 1 }).map((c): Member[] => [['candidate', c]]),
  ['candidate', 'description'],
  () => fc.oneof(candidateTexts, valueFor('candidate')),
);
const handWritten = objectText(
  fc.tuple(valueFor('type'), valueFor('to'), dataTexts, fc.option(valueFor('rid'))).map(([type, to, d, rid]): Member[] => [
    ['type', type],
    ['to', to],
    ['data', d],
    ...(rid === null ? [] : [['rid', rid] as Member]),
  ]),
  ['type', 'to', 'data', 'rid'],
  (key) => (key === 'data' ? dataTexts : valueFor(key)),
);

/** A valid frame with one character inserted, removed or replaced somewhere. */
const typos = fc
  .tuple(wireSignals, fc.nat(), fc.constantFrom('insert', 'remove', 'replace'), fc.constantFrom(' ', '\n', ',', '"', '\\', ':', '{', '}', '0', 'a', '\u0000', 'n'))
  .map(([frame, at, how, c]) => {
    const i = at % (frame.length + 1);
    if (how === 'insert') return frame.slice(0, i) + c + frame.slice(i);
    if (how === 'remove') return frame.slice(0, i) + frame.slice(i + 1);
    return frame.slice(0, i) + c + frame.slice(i + 1);
  });

const frames = fc.oneof(
  { arbitrary: wireSignals, weight: 2 },
  { arbitrary: candidateSignals, weight: 2 },
  { arbitrary: handWritten, weight: 3 },
  { arbitrary: typos, weight: 3 },
  { arbitrary: clientFrames, weight: 1 },
);

/** Generated frames per property; zod is the slow side of each comparison. */
const RUNS = 5_000;
/** Generous: the machine is shared. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** What the schema makes of a frame; undefined if it is not JSON or the schema refuses it. */
function viaSchema(frame: string) {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return undefined;
  }
  const result = ClientSignal.safeParse(value);
  return result.success ? { value: value as { data: unknown }, msg: result.data } : undefined;
}

describe('scanCandidateSignal', () => {
  it('accepts nothing the ClientSignal schema refuses, and its data is the JSON text of exactly what the schema outputs', () => {
    let accepted = 0;
    fc.assert(
      fc.property(frames, (frame) => {
        const scanned = scanCandidateSignal(frame);
        if (scanned === undefined) return;
        accepted++;
        const schema = viaSchema(frame);
        expect(schema).toBeDefined();
        expect(scanned.to).toBe(schema!.msg.to);
        expect(JSON.parse(scanned.data)).toEqual(schema!.msg.data);
        // Byte for byte what the server wrote before the fast path: JSON.stringify of the parsed data.
        expect(scanned.data).toBe(JSON.stringify(schema!.value.data));
      }),
      { numRuns: RUNS },
    );
    // The generators must reach the accepting side often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(RUNS / 40);
  }, PROPERTY_TIMEOUT_MS);

  it('accepts every candidate signal the schema accepts as JSON.stringify writes it, unless a string needs an escape', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(candidateSignals, wireSignals), (frame) => {
        const schema = viaSchema(frame);
        const plain = !/[\u0000-\u001f\\\ud800-\uffff]/.test(frame);
        const carriesCandidate = schema !== undefined && 'candidate' in schema.msg.data;
        expect(scanCandidateSignal(frame) !== undefined).toBe(plain && carriesCandidate);
        if (plain && carriesCandidate) accepted++;
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the accepting side often enough for the equality to mean something.
    expect(accepted).toBeGreaterThan(RUNS / 20);
  }, PROPERTY_TIMEOUT_MS);

  it('leaves a frame with a repeated key to the ordinary path, whichever copy is valid', () => {
    const valid = '{"candidate":{"candidate":"c"}}';
    const other = '{"candidate":{"candidate":1}}';
    for (const frame of [
      `{"type":"signal","to":"p","data":${valid},"data":${other}}`,
      `{"type":"signal","to":"p","data":${other},"data":${valid}}`,
      `{"type":"signal","to":"p","to":"q","data":${valid}}`,
      `{"type":"signal","to":"p","data":{"candidate":{"candidate":"c","candidate":"d"}}}`,
      `{"type":"signal","to":"p","data":{"candidate":null,"candidate":null}}`,
    ]) {
      expect(scanCandidateSignal(frame)).toBeUndefined();
    }
  });

  it('leaves anything outside the schema or the canonical form to the ordinary path', () => {
    for (const frame of [
      '{"type":"signal","to":"p","data":{"candidate":{}}}',
      '{"type":"signal","to":"p","data":{"candidate":{"sdpMid":"0"}}}',
      '{"type":"signal","to":"p","data":{"candidate":null}} ',
      '{"type":"signal","to":"p","data":{"candidate":null}}x',
      '{"type":"signal","to":"p","data":{"candidate":null}',
      '{"type":"signal","to":"p"}',
      '{"to":"p","data":{"candidate":null}}',
      '{"type":"signal","to":"p","data":{"candidate":null},}',
      '{"type":"signal", "to":"p","data":{"candidate":null}}',
      '{"type":"signal","to":"p","data":{"candidate":{"candidate":"c","sdpMLineIndex":1025}}}',
      '{"type":"signal","to":"p","data":{"candidate":{"candidate":"c\\u0041"}}}',
    ]) {
      expect(scanCandidateSignal(frame)).toBeUndefined();
    }
  });

  it('reads the bench candidate, with rid and in any key order', () => {
    const data = '{"candidate":{"candidate":"candidate:1 1 udp 1 198.51.100.7 46154 typ srflx","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"EsVy"}}';
    expect(scanCandidateSignal(`{"type":"signal","to":"peer-2","data":${data}}`)).toEqual({ to: 'peer-2', data });
    expect(scanCandidateSignal(`{"data":${data},"rid":"r1","to":"peer-2","type":"signal"}`)).toEqual({ to: 'peer-2', data });
    expect(scanCandidateSignal('{"type":"signal","to":"p","data":{"candidate":null}}')).toEqual({ to: 'p', data: '{"candidate":null}' });
  });
});

describe('relayedSignalJson', () => {
  it('writes what JSON.stringify writes for the relayed signal', () => {
    fc.assert(
      fc.property(peerIds, wireSignals, (from, frame) => {
        const scanned = scanCandidateSignal(frame);
        if (scanned === undefined) return;
        const data: unknown = JSON.parse(scanned.data);
        expect(relayedSignalJson(from, scanned.data)).toBe(JSON.stringify({ type: 'signal', from, data }));
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT_MS);
});
