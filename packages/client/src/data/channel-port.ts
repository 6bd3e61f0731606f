import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';

/** The part of RTCDataChannel a port uses, so tests can hand it a fake. */
export interface DataChannelLike
  extends Pick<RTCDataChannel, 'label' | 'readyState' | 'bufferedAmount' | 'bufferedAmountLowThreshold' | 'binaryType' | 'close'> {
  send(data: string): void;
  send(data: ArrayBufferView<ArrayBuffer>): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'bufferedamountlow', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'open' | 'close' | 'error' | 'bufferedamountlow', listener: () => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type PortState = 'connecting' | 'open' | 'closed';

export type ChannelPortEvents = {
  /** A text frame (`string`) or a binary one (`ArrayBuffer`). */
  message: [string | ArrayBuffer];
  open: [];
  /** The channel closed (or failed); the port is unusable from now on. */
  close: [];
};

export interface ChannelPortOptions {
  /** `bufferedAmountLowThreshold`: `drained()` resolves once the channel's buffer is at or below it. */
  lowWaterMark: number;
  /**
   * Over this many buffered bytes, `send()` holds frames in the port's own queue instead of the
   * channel's (whose overflow closes the channel in Chromium), and sends them on `bufferedamountlow`.
   */
  highWaterMark: number;
  /** Frames held before the channel opens or while it is full; past it `send()` drops and warns. */
  maxQueuedBytes: number;
}

/** Frames a held port keeps at most (see `holdIncoming()`). */
export const HELD_FRAMES_MAX = 256;

/**
 * One RTCDataChannel, made safe to use: frames sent before it opens wait in a bounded queue;
 * sends never overflow the channel's buffer (which would close it); `drained()` is backpressure
 * for bulk senders, built on `bufferedAmountLowThreshold` and the `bufferedamountlow` event. A
 * listener that throws, or a send that fails, is reported and never breaks the call.
 */
export class ChannelPort implements Subscribable<ChannelPortEvents> {
  private readonly emitter = new Emitter<ChannelPortEvents>();
  /** Received frames kept back while the port is held (`holdIncoming()`). */
  private held: (string | ArrayBuffer)[] | undefined;
  private readonly queue: (string | Uint8Array<ArrayBuffer>)[] = [];
  private queuedBytes = 0;
  private drainWaiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private current: PortState;
  private readonly detach: () => void;

  constructor(
    private readonly channel: DataChannelLike,
    private readonly options: ChannelPortOptions,
  ) {
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = options.lowWaterMark;
    this.current = channel.readyState === 'open' ? 'open' : channel.readyState === 'connecting' ? 'connecting' : 'closed';
    const onOpen = () => this.onOpen();
    const onClose = () => this.onClosed();
    const onLow = () => this.onLow();
    const onMessage = (event: { data: unknown }) => this.onMessage(event.data);
    channel.addEventListener('open', onOpen);
    channel.addEventListener('close', onClose);
    channel.addEventListener('error', onClose);
    channel.addEventListener('bufferedamountlow', onLow);
    channel.addEventListener('message', onMessage);
    this.detach = () => {
      channel.removeEventListener('open', onOpen);
      channel.removeEventListener('close', onClose);
      channel.removeEventListener('error', onClose);
      channel.removeEventListener('bufferedamountlow', onLow);
      channel.removeEventListener('message', onMessage);
    };
  }

  get label(): string {
    return this.channel.label;
  }

  get state(): PortState {
    return this.current;
  }

  /** Bytes waiting to go out: in the channel's buffer and in the port's queue. */
  get bufferedAmount(): number {
    return (this.current === 'open' ? this.channel.bufferedAmount : 0) + this.queuedBytes;
  }

  on<K extends keyof ChannelPortEvents>(event: K, listener: Listener<ChannelPortEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof ChannelPortEvents>(event: K, listener: Listener<ChannelPortEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof ChannelPortEvents>(event: K, listener: Listener<ChannelPortEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Sends a frame now, or queues it (before the channel opens, or while its buffer is past the
   * high-water mark). Returns false, with a warning, when the port is closed or the queue is full.
   */
  send(frame: string | Uint8Array<ArrayBuffer>): boolean {
    if (this.current === 'closed') return false;
    if (this.current === 'open' && this.queue.length === 0 && this.channel.bufferedAmount < this.options.highWaterMark) {
      return this.sendNow(frame);
    }
    const size = frameSize(frame);
    if (this.queuedBytes + size > this.options.maxQueuedBytes) {
      console.warn(`[confab] data channel "${this.label}": send queue full (${this.queuedBytes} bytes); a message was dropped.`);
      return false;
    }
    this.queue.push(frame);
    this.queuedBytes += size;
    return true;
  }

  /**
   * Resolves once the port is open and at most `lowWaterMark` bytes wait to go out: a bulk sender
   * awaits it whenever `bufferedAmount` passes its high-water mark. Rejects if the port closes.
   */
  drained(): Promise<void> {
    if (this.current === 'closed') return Promise.reject(portClosed(this.label));
    if (this.current === 'open' && this.bufferedAmount <= this.options.lowWaterMark) return Promise.resolve();
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  /** Closes the channel and rejects whoever waits on `drained()`. Idempotent. */
  close(): void {
    if (this.current === 'closed') return;
    try {
      this.channel.close();
    } catch {
      // Closing a channel of a closed connection can throw; it is closed either way.
    }
    this.onClosed();
  }

  private sendNow(frame: string | Uint8Array<ArrayBuffer>): boolean {
    try {
      if (typeof frame === 'string') this.channel.send(frame);
      else this.channel.send(frame);
      return true;
    } catch (err) {
      console.warn(`[confab] data channel "${this.label}": send failed:`, err);
      return false;
    }
  }

  private onOpen(): void {
    if (this.current !== 'connecting') return;
    this.current = 'open';
    this.emitter.emit('open');
    this.onLow();
  }

  /** Moves queued frames into the channel up to the high-water mark, then wakes bulk senders. */
  private onLow(): void {
    if (this.current !== 'open') return;
    while (this.queue.length > 0 && this.channel.bufferedAmount < this.options.highWaterMark) {
      const frame = this.queue.shift()!;
      this.queuedBytes -= frameSize(frame);
      this.sendNow(frame);
    }
    if (this.bufferedAmount > this.options.lowWaterMark) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  /**
   * Keeps received frames instead of emitting them, until `releaseIncoming()`: a prepared
   * connection's (prepared-sessions.ts) frames wait for the room that adopts it. Past
   * HELD_FRAMES_MAX the oldest are dropped.
   */
  holdIncoming(): void {
    this.held ??= [];
  }

  /** Emits the frames held since `holdIncoming()`, in order, and stops holding. */
  releaseIncoming(): void {
    const held = this.held;
    this.held = undefined;
    for (const frame of held ?? []) this.emitter.emit('message', frame);
  }

  private onMessage(data: unknown): void {
    if (typeof data === 'string' || data instanceof ArrayBuffer) {
      if (this.held) {
        if (this.held.length >= HELD_FRAMES_MAX) this.held.shift();
        this.held.push(data);
        return;
      }
      this.emitter.emit('message', data);
    } else {
      console.warn(`[confab] data channel "${this.label}": ignored a message of unexpected type.`);
    }
  }

  private onClosed(): void {
    if (this.current === 'closed') return;
    this.current = 'closed';
    this.detach();
    this.queue.length = 0;
    this.queuedBytes = 0;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) waiter.reject(portClosed(this.label));
    this.emitter.emit('close');
    this.emitter.removeAllListeners();
  }
}

function frameSize(frame: string | Uint8Array): number {
  // UTF-16 length is close enough for queue accounting; binary frames are exact.
  return typeof frame === 'string' ? frame.length : frame.byteLength;
}

function portClosed(label: string): Error {
  return new Error(`data channel "${label}" closed`);
}
