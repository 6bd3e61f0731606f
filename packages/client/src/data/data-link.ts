import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import { ChannelPort, type DataChannelLike } from './channel-port.js';

/**
 * The two data channels of a peer connection. Both are pre-negotiated (`negotiated: true` with a
 * fixed id), so both sides create them when they set up the connection and no extra signaling is
 * needed: the first offer carries the SCTP section and the channels open with the connection.
 *
 * - id 0, "confab-messages": ordered and reliable; JSON envelopes `{ ch, body }` that multiplex the
 *   room's named channels (chat is one of them).
 * - id 1, "confab-files": ordered and reliable; file-transfer control messages (text) and file
 *   bytes (binary), so bulk transfers never hold up chat.
 */
export const MESSAGE_CHANNEL = { label: 'confab-messages', id: 0 } as const;
export const FILE_CHANNEL = { label: 'confab-files', id: 1 } as const;

/** Message channel: queued before open and while its buffer is full, up to this much. */
export const MESSAGE_QUEUE_MAX_BYTES = 4 * 1024 * 1024;
const MESSAGE_HIGH_WATER_MARK = 1024 * 1024;
const MESSAGE_LOW_WATER_MARK = 256 * 1024;

/**
 * File channel: senders wait on `drained()` past FILE_HIGH_WATER_MARK (files/constants.ts); the
 * port's own guard sits above that, below the 16 MiB at which Chromium would close the channel.
 */
export const FILE_LOW_WATER_MARK = 1024 * 1024;
const FILE_PORT_HIGH_WATER_MARK = 8 * 1024 * 1024;
const FILE_QUEUE_MAX_BYTES = 8 * 1024 * 1024;

/** What a data link needs from RTCPeerConnection. */
export interface DataChannelFactory {
  createDataChannel(label: string, init: RTCDataChannelInit): DataChannelLike;
}

export type DataLinkEvents = {
  /** New channels replaced the old ones (the peer connection was rebuilt). */
  attached: [messages: ChannelPort, files: ChannelPort];
};

/**
 * One peer's data channels. The peer session calls `attach(pc)` when it sets up the connection
 * (before the first offer on the newcomer's side, on the first offer on the other side); the
 * room's data layer reads `messages` and `files`, which exist from then on.
 */
export class DataLink implements Subscribable<DataLinkEvents> {
  private readonly emitter = new Emitter<DataLinkEvents>();
  private attachedTo: DataChannelFactory | undefined;
  private ports: { messages: ChannelPort; files: ChannelPort } | undefined;
  private closed = false;
  /** While true, received frames wait in the ports (a prepared connection not adopted yet). */
  private holding = false;
  private readonly fileLowWaterMark: number;

  /** `fileLowWaterMark`: the file channel's `bufferedAmountLowThreshold` (tests use small files). */
  constructor(
    readonly remoteId: string,
    options: { fileLowWaterMark?: number } = {},
  ) {
    this.fileLowWaterMark = options.fileLowWaterMark ?? FILE_LOW_WATER_MARK;
  }

  on<K extends keyof DataLinkEvents>(event: K, listener: Listener<DataLinkEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof DataLinkEvents>(event: K, listener: Listener<DataLinkEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof DataLinkEvents>(event: K, listener: Listener<DataLinkEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** The message port, once attached. */
  get messages(): ChannelPort | undefined {
    return this.ports?.messages;
  }

  /** The file port, once attached. */
  get files(): ChannelPort | undefined {
    return this.ports?.files;
  }

  /**
   * Creates the two pre-negotiated channels on `pc`. Calling it again with the same connection
   * does nothing; with another one (a rebuilt connection) it closes the old channels first.
   */
  attach(pc: DataChannelFactory): void {
    if (this.closed || this.attachedTo === pc) return;
    this.closePorts();
    this.attachedTo = pc;
    let messages: ChannelPort;
    let files: ChannelPort;
    try {
      messages = new ChannelPort(pc.createDataChannel(MESSAGE_CHANNEL.label, { negotiated: true, id: MESSAGE_CHANNEL.id, ordered: true }), {
        lowWaterMark: MESSAGE_LOW_WATER_MARK,
        highWaterMark: MESSAGE_HIGH_WATER_MARK,
        maxQueuedBytes: MESSAGE_QUEUE_MAX_BYTES,
      });
      files = new ChannelPort(pc.createDataChannel(FILE_CHANNEL.label, { negotiated: true, id: FILE_CHANNEL.id, ordered: true }), {
        lowWaterMark: this.fileLowWaterMark,
        highWaterMark: FILE_PORT_HIGH_WATER_MARK,
        maxQueuedBytes: FILE_QUEUE_MAX_BYTES,
      });
    } catch (err) {
      // No SCTP (a closed connection, a stack without data channels): calls still work without data.
      console.warn(`[confab] could not open data channels with peer ${this.remoteId}:`, err);
      return;
    }
    this.ports = { messages, files };
    if (this.holding) this.hold();
    this.emitter.emit('attached', messages, files);
  }

  /**
   * Holds every received frame until `release()`: a prepared connection's channels may open in the
   * lobby, but nothing they carry reaches the room before the join (prepared-sessions.ts).
   */
  hold(): void {
    this.holding = true;
    this.ports?.messages.holdIncoming();
    this.ports?.files.holdIncoming();
  }

  /** Delivers what was held (to the listeners added since) and stops holding. */
  release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.ports?.messages.releaseIncoming();
    this.ports?.files.releaseIncoming();
  }

  /** Closes both channels. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closePorts();
    this.emitter.removeAllListeners();
  }

  private closePorts(): void {
    this.ports?.messages.close();
    this.ports?.files.close();
    this.ports = undefined;
  }
}
