/**
 * An in-memory RTCDataChannel pair for Node: what one side sends, the other receives, through a
 * "network" the test controls. `bufferedAmount` grows on send and shrinks as the network
 * delivers, firing `bufferedamountlow` when it crosses the threshold, as a browser does.
 */

type Listener = (event: { data: unknown }) => void;

export interface FakeNetworkOptions {
  /** Bytes delivered per tick in each direction (Infinity: everything at once). */
  bytesPerTick?: number;
  /** Deliver on a timer by itself (default) or only when the test calls `deliver()`. */
  auto?: boolean;
}

export class FakeDataChannel {
  readyState: 'connecting' | 'open' | 'closing' | 'closed' = 'connecting';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType: BinaryType = 'blob';
  /** Frames sent, in order, as the other side will receive them. */
  readonly outbox: (string | ArrayBuffer)[] = [];
  /** Every frame ever sent, for assertions. */
  readonly sent: (string | ArrayBuffer)[] = [];
  /** Set by a test to alter frames in flight (e.g. flip a byte); return undefined to drop one. */
  transform: ((frame: string | ArrayBuffer) => string | ArrayBuffer | undefined) | undefined;
  remote: FakeDataChannel | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private scheduled = false;

  constructor(
    readonly label: string,
    readonly id: number | null = null,
    private readonly network: FakeNetworkOptions = {},
  ) {}

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  send(data: string | ArrayBufferView): void {
    if (this.readyState !== 'open') throw new DOMException('not open', 'InvalidStateError');
    const frame = typeof data === 'string' ? data : copyToArrayBuffer(data);
    this.bufferedAmount += size(frame);
    this.outbox.push(frame);
    this.sent.push(frame);
    this.schedule();
  }

  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.dispatch('close', { data: undefined });
    if (this.remote && this.remote.readyState !== 'closed') this.remote.close();
  }

  /** Test control: both ends open. */
  open(): void {
    for (const end of [this, this.remote]) {
      if (!end || end.readyState !== 'connecting') continue;
      end.readyState = 'open';
      end.dispatch('open', { data: undefined });
    }
  }

  /** Test control: delivers up to `maxBytes` of what this side sent. Returns the bytes delivered. */
  deliver(maxBytes = this.network.bytesPerTick ?? Number.POSITIVE_INFINITY): number {
    let delivered = 0;
    while (this.outbox.length > 0 && delivered < maxBytes) {
      const frame = this.outbox.shift()!;
      const before = this.bufferedAmount;
      this.bufferedAmount -= size(frame);
      delivered += size(frame);
      const arriving = this.transform ? this.transform(frame) : frame;
      if (arriving !== undefined && this.remote?.readyState === 'open') this.remote.dispatch('message', { data: arriving });
      if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.dispatch('bufferedamountlow', { data: undefined });
      }
    }
    return delivered;
  }

  /** Test control: a frame arrives from the other side as is (malformed input, say). */
  receive(data: unknown): void {
    this.dispatch('message', { data });
  }

  private schedule(): void {
    if (this.network.auto === false || this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (this.readyState !== 'open') return;
      this.deliver();
      if (this.outbox.length > 0) this.schedule();
    }, 0);
  }

  private dispatch(type: string, event: { data: unknown }): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }
}

/** Two connected ends. */
export function fakeChannelPair(label: string, id: number | null = null, network: FakeNetworkOptions = {}): [FakeDataChannel, FakeDataChannel] {
  const a = new FakeDataChannel(label, id, network);
  const b = new FakeDataChannel(label, id, network);
  a.remote = b;
  b.remote = a;
  return [a, b];
}

function size(frame: string | ArrayBuffer): number {
  return typeof frame === 'string' ? frame.length : frame.byteLength;
}

function copyToArrayBuffer(view: ArrayBufferView): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return copy.buffer;
}
