import type { RelayClient } from './clients/relay-client.js';
import { candidateSignal, readCandidate, sameSeq } from './signal-payload.js';

/**
 * The traffic: each client keeps a number of requests in flight to its partner; the partner
 * echoes each one back; an echo completes a round trip (two relayed messages) and, while the
 * client is active, sends the next request. A closed loop: the server's pace sets the rate.
 *
 * Echoes come back in the order their requests left (one socket each way, relayed in order), so
 * each client matches them against a FIFO of send times, checking the sequence number.
 */

interface Pending {
  seq: number;
  sentAt: number;
}

export interface Endpoint {
  client: RelayClient;
  partnerId: string;
  nextSeq: number;
  pending: Pending[];
  active: boolean;
}

export class EchoLoop {
  /** Signals delivered to any client so far, requests and echoes alike. */
  received = 0;
  failures = 0;
  firstFailure: string | undefined;
  private rtts: number[] | undefined;

  constructor(readonly endpoints: readonly Endpoint[]) {
    for (const ep of endpoints) {
      ep.client.onSignal = (from, data) => this.onSignal(ep, from, data);
      ep.client.onFailure = (reason) => this.fail(`${ep.client.id}: ${reason}`);
    }
  }

  /** Two endpoints facing each other. */
  static pairOf(a: RelayClient, b: RelayClient): [Endpoint, Endpoint] {
    const ep = (client: RelayClient, partnerId: string): Endpoint => ({ client, partnerId, nextSeq: 0, pending: [], active: false });
    return [ep(a, b.id), ep(b, a.id)];
  }

  /** Activates `endpoints` with `inflight` requests each. */
  start(endpoints: readonly Endpoint[], inflight: number): void {
    for (const ep of endpoints) {
      ep.active = true;
      for (let i = 0; i < inflight; i++) this.sendRequest(ep);
    }
  }

  /** No new requests; those in flight still complete. */
  stop(): void {
    for (const ep of this.endpoints) ep.active = false;
  }

  get inFlight(): number {
    let n = 0;
    for (const ep of this.endpoints) n += ep.pending.length;
    return n;
  }

  /** Round-trip times (ms) of echoes received from now on go into `into`; undefined stops. */
  record(into: number[] | undefined): void {
    this.rtts = into;
  }

  private sendRequest(ep: Endpoint): void {
    const seq = ep.nextSeq++;
    ep.pending.push({ seq, sentAt: performance.now() });
    ep.client.send(ep.partnerId, candidateSignal(seq, 'request'));
  }

  private onSignal(ep: Endpoint, from: string, data: unknown): void {
    this.received++;
    const signal = readCandidate(data);
    if (!signal) return this.fail(`${ep.client.id}: unreadable signal ${JSON.stringify(data)}`);
    if (signal.kind === 'request') {
      ep.client.send(from, candidateSignal(signal.seq, 'echo'));
      return;
    }
    const head = ep.pending.shift();
    if (!head || !sameSeq(head.seq, signal.seq)) {
      return this.fail(`${ep.client.id}: echo ${signal.seq} does not answer the oldest request ${head?.seq}`);
    }
    this.rtts?.push(performance.now() - head.sentAt);
    if (ep.active) this.sendRequest(ep);
  }

  private fail(reason: string): void {
    this.failures++;
    this.firstFailure ??= reason;
  }
}
