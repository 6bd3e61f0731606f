import { describe, expect, it } from 'vitest';
import { SignalLedger } from './accounting.js';

/** A ledger on a clock the test moves by hand. */
function ledgerAt() {
  const clock = { now: 0 };
  const ledger = new SignalLedger(() => clock.now);
  return { ledger, clock };
}

describe('SignalLedger', () => {
  it('a signal delivered once is delivered, with its relay latency', () => {
    const { ledger, clock } = ledgerAt();
    const latencies: number[] = [];
    ledger.onLatency((ms) => latencies.push(ms));
    ledger.sent(ledger.nextId(), 'ann', 'bob', 'offer');
    clock.now = 7;
    expect(ledger.received(1, 'ann', 'bob')).toBe('delivered');
    expect(latencies).toEqual([7]);
    expect(ledger.verdict()).toMatchObject({ sent: 1, delivered: 1, lost: 0, duplicated: 0, clean: true });
  });

  it('a dropped signal to a present peer is lost, and its (from, to) pair is named', () => {
    const { ledger } = ledgerAt();
    for (let i = 0; i < 3; i++) ledger.sent(ledger.nextId(), 'ann', 'bob', 'candidate');
    ledger.received(1, 'ann', 'bob');
    ledger.received(3, 'ann', 'bob');
    expect(ledger.inFlight).toBe(1);
    const verdict = ledger.verdict();
    expect(verdict).toMatchObject({ sent: 3, delivered: 2, lost: 1, duplicated: 0, clean: false });
    expect(verdict.badPairs).toEqual([{ from: 'ann', to: 'bob', sent: 3, delivered: 2, lost: 1, duplicated: 0, toDeparted: 0 }]);
  });

  it('a signal that arrives twice is duplicated, and only the first copy counts as delivered', () => {
    const { ledger } = ledgerAt();
    ledger.sent(ledger.nextId(), 'ann', 'bob', 'answer');
    expect(ledger.received(1, 'ann', 'bob')).toBe('delivered');
    expect(ledger.received(1, 'ann', 'bob')).toBe('duplicate');
    expect(ledger.verdict()).toMatchObject({ delivered: 1, lost: 0, duplicated: 1, clean: false });
  });

  it('a signal to a peer that left before it arrived is not lost', () => {
    const { ledger } = ledgerAt();
    ledger.sent(ledger.nextId(), 'ann', 'bob', 'candidate');
    ledger.departed('bob');
    ledger.sent(ledger.nextId(), 'ann', 'bob', 'candidate'); // sent after bob left: refused or never read
    expect(ledger.inFlight).toBe(0);
    expect(ledger.verdict()).toMatchObject({ sent: 2, delivered: 0, lost: 0, toDeparted: 2, clean: true });
  });

  it('a refusal (PEER_NOT_FOUND) is expected when the recipient had left, and not otherwise', () => {
    const { ledger } = ledgerAt();
    ledger.sent(ledger.nextId(), 'ann', 'bob', 'offer');
    ledger.sent(ledger.nextId(), 'ann', 'cy', 'offer');
    ledger.departed('bob');
    expect(ledger.refused(1)).toBe(true);
    expect(ledger.refused(2)).toBe(false);
    expect(ledger.inFlight).toBe(0);
    expect(ledger.verdict()).toMatchObject({ lost: 1, toDeparted: 1, clean: false });
  });

  it('signals the departed peer sent before leaving are still expected at their recipients', () => {
    const { ledger } = ledgerAt();
    ledger.sent(ledger.nextId(), 'bob', 'ann', 'candidate');
    ledger.departed('bob');
    expect(ledger.verdict()).toMatchObject({ lost: 1, toDeparted: 0 });
  });

  it('a signal with an id nobody sent, or at the wrong peer, is flagged', () => {
    const { ledger } = ledgerAt();
    ledger.sent(ledger.nextId(), 'ann', 'bob', 'offer');
    expect(ledger.received(99, 'ann', 'bob')).toBe('unknown');
    expect(ledger.received(1, 'ann', 'cy')).toBe('misrouted');
    expect(ledger.verdict()).toMatchObject({ unknown: 1, misrouted: 1, lost: 1, clean: false });
  });
});
