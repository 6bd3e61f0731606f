import fc from 'fast-check';

/**
 * Generated client frames for fuzzing: valid messages, mutations of them, arbitrary JSON and raw
 * garbage. Shared by the core's and the server's fuzz tests.
 */

const roomNames = fc.constantFrom('r1', 'r2', 'lobby', 'x'.repeat(64), '', 'bad room', '../../etc');
const names = fc.oneof(fc.constantFrom('Ann', 'Bob', '', ' ', 'n'.repeat(33), 'A\u0000B', '\u202Eevil'), fc.string({ maxLength: 40 }));
const peerIds = fc.oneof(fc.constantFrom('peer1', 'peer2', 'peer3', 'nobody', ''), fc.string({ maxLength: 70 }));

const validTemplates: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('hello'), v: fc.constantFrom(1, 1, 1, 2, 0, -1) }),
  fc.record({
    type: fc.constant('join'),
    room: roomNames,
    name: names,
    media: fc.record({ audio: fc.boolean(), video: fc.boolean() }),
  }),
  fc.record({ type: fc.constant('leave') }),
  fc.record({
    type: fc.constant('signal'),
    to: peerIds,
    data: fc.oneof(
      fc.record({ description: fc.record({ type: fc.constantFrom('offer', 'answer', 'rollback', 'nope'), sdp: fc.string({ maxLength: 200 }) }) }),
      fc.record({ candidate: fc.option(fc.record({ candidate: fc.string({ maxLength: 100 }), sdpMid: fc.constant('0'), sdpMLineIndex: fc.nat(3) })) }),
    ),
  }),
  fc.record({ type: fc.constant('media'), audio: fc.boolean(), video: fc.boolean() }),
  fc.record({ type: fc.constant('ping'), rid: fc.string({ maxLength: 70 }) }),
);

/** A valid-looking message with one field removed, replaced or added, or its type changed. */
const mutated = fc
  .tuple(validTemplates, fc.nat(), fc.constantFrom('drop', 'replace', 'add', 'retype', 'nest'), fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 12 }))
  .map(([msg, pick, how, value, key]) => {
    const out: Record<string, unknown> = { ...msg };
    const keys = Object.keys(out);
    const k = keys[pick % keys.length]!;
    if (how === 'drop') delete out[k];
    else if (how === 'replace') out[k] = value;
    else if (how === 'add') out[key || 'extra'] = value;
    else if (how === 'retype') out.type = key;
    else out[k] = { [k]: { [k]: { [k]: { [k]: { [k]: { [k]: { [k]: { [k]: out[k] } } } } } } } };
    return out;
  });

export const clientFrames: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: validTemplates.map((m) => JSON.stringify(m)), weight: 3 },
  { arbitrary: mutated.map((m) => JSON.stringify(m)), weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 12 }).map((v) => JSON.stringify(v) ?? 'null'), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
  { arbitrary: fc.nat(200).map((n) => '['.repeat(n) + ']'.repeat(n % 3 === 0 ? n : 0)), weight: 1 },
);
