import { describe, expect, it, vi } from 'vitest';
import { dataMesh, useDataMeshEnvironment } from '../../test/data-mesh.js';
import { HAND_CHANNEL, isHandWireMessage, orderHands, type RaisedHand } from './hand-raise.js';

useDataMeshEnvironment();

const queue = (hands: readonly RaisedHand[]) => hands.map((h) => h.peerId);
/** Delivers everything in flight on the fake channels. */
const settle = () => vi.runAllTimersAsync();

describe('hand messages', () => {
  it('accepts raised with a time, or lowered; refuses anything else', () => {
    expect(isHandWireMessage({ raised: true, raisedAt: 1_700_000_000_000 })).toBe(true);
    expect(isHandWireMessage({ raised: false })).toBe(true);
    for (const bad of [null, {}, { raised: true }, { raised: true, raisedAt: -1 }, { raised: true, raisedAt: Infinity }, { raised: 'yes', raisedAt: 1 }, { raised: false, raisedAt: 1 }]) {
      expect(isHandWireMessage(bad)).toBe(false);
    }
  });

  it('orders hands first raised first, the same instant by peer id', () => {
    const hand = (peerId: string, raisedAt: number): RaisedHand => ({ peerId, name: peerId, raisedAt, self: false });
    expect(queue(orderHands([hand('cy', 30), hand('bob', 10), hand('dan', 10), hand('ann', 20)]))).toEqual(['bob', 'dan', 'ann', 'cy']);
  });
});

describe('HandRaise over the mesh', () => {
  it('everyone sees raised hands in the order they went up, yours included; lowering takes a hand out', async () => {
    const mesh = dataMesh(['ann', 'bob', 'cy']);
    const [ann, bob, cy] = ['ann', 'bob', 'cy'].map((id) => mesh.get(id)!.data.hands);
    vi.setSystemTime(1_000);
    cy!.raise();
    vi.setSystemTime(2_000);
    expect(ann!.toggle()).toBe(true);
    await settle();
    for (const hands of [ann!, bob!, cy!]) expect(queue(hands.raised)).toEqual(['cy', 'ann']);
    expect(ann!.raised[1]).toMatchObject({ name: 'ANN', self: true, raisedAt: 2_000 });
    expect(bob!.raised[1]).toMatchObject({ name: 'ANN', self: false, raisedAt: 2_000 });

    expect(cy!.toggle()).toBe(false);
    await settle();
    for (const hands of [ann!, bob!, cy!]) expect(queue(hands.raised)).toEqual(['ann']);
  });

  it('someone whose channel opens later sees the hands already raised', async () => {
    const mesh = dataMesh(['ann', 'bob', 'cy'], { open: false });
    const ann = mesh.get('ann')!;
    const bob = mesh.get('bob')!;
    ann.channels.get('bob')!.messages.open();
    bob.data.hands.raise();
    await settle();
    expect(queue(ann.data.hands.raised)).toEqual(['bob']);
    // Cy "joins": her channels to both open only now.
    const cy = mesh.get('cy')!;
    const changes: (readonly RaisedHand[])[] = [];
    cy.data.hands.on('change', (hands) => changes.push(hands));
    cy.channels.get('ann')!.messages.open();
    cy.channels.get('bob')!.messages.open();
    await settle();
    expect(queue(cy.data.hands.raised)).toEqual(['bob']);
    // Ann's hand is down: she sends nothing, and Cy's queue changed once.
    expect(changes).toHaveLength(1);
  });

  it('a hand goes when its owner leaves', async () => {
    const mesh = dataMesh(['ann', 'bob']);
    const ann = mesh.get('ann')!;
    mesh.get('bob')!.data.hands.raise();
    await settle();
    expect(queue(ann.data.hands.raised)).toEqual(['bob']);
    ann.data.removePeer('bob');
    expect(ann.data.hands.raised).toEqual([]);
  });

  it('a malformed hand message is dropped and changes nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ann = dataMesh(['ann', 'bob']).get('ann')!;
    ann.channels.get('bob')!.messages.receive(JSON.stringify({ ch: HAND_CHANNEL, body: { raised: true, raisedAt: 'now' } }));
    await settle();
    expect(ann.data.hands.raised).toEqual([]);
    expect(console.warn).toHaveBeenCalled();
  });
});
