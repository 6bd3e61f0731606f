import type { PeerInfo } from '@confab/protocol';
import { Emitter, type Unsubscribe } from '../emitter.js';
import { FileSharing, type FileSharingOptions } from '../files/file-sharing.js';
import { RecordingState, RECORDING_CHANNEL, isRecordingWireMessage } from '../recording/recording-state.js';
import type { RemotePeer } from '../remote-peer.js';
import type { ChannelPort } from './channel-port.js';
import { Chat, CHAT_CHANNEL, isChatWireMessage } from './chat.js';
import type { DataLink } from './data-link.js';
import { HandRaise, HAND_CHANNEL, isHandWireMessage } from './hand-raise.js';
import type { PeerStateHost } from './peer-state.js';
import { isReactionWireMessage, Reactions, REACTIONS_CHANNEL } from './reactions.js';
import { encodeEnvelope, isChannelName, MAX_CHANNEL_NAME_LENGTH, parseEnvelope } from './envelope.js';
import { RoomChannel, type ChannelEndpoint, type ChannelHost, type ChannelOptions, type Validate } from './room-channel.js';

/** Channel names with this prefix are the SDK's own (chat); `room.channel()` refuses them. */
export const RESERVED_CHANNEL_PREFIX = 'confab.';
/** Messages held for a peer whose data channels do not exist yet; older ones are dropped past it. */
const MAX_EARLY_MESSAGES = 200;
/** Unknown channel names remembered for warn-once; a peer inventing names cannot grow it further. */
const MAX_WARNED_CHANNELS = 100;

export interface RoomDataOptions {
  /** You, as the room knows you now. */
  self: () => PeerInfo;
  files?: FileSharingOptions;
}

interface PeerData {
  peer: RemotePeer;
  link: DataLink;
  /** Messages sent before the link had channels. */
  early: string[];
  offs: Unsubscribe[];
}

/**
 * The data side of a room: every peer's data link, the named channels multiplexed over their
 * message channels, the chat, and file sharing. Peers are added and removed by the room;
 * application code sees `room.channel()`, `room.chat` and `room.files`.
 */
export class RoomData implements ChannelHost {
  readonly chat: Chat;
  readonly files: FileSharing;
  readonly reactions: Reactions;
  readonly hands: HandRaise;
  readonly recording: RecordingState;
  /** Tells the shared states (hands, recording) when a peer's message channel opens, and when a peer goes. */
  private readonly peerEvents = new Emitter<{ ready: [RemotePeer]; removed: [string] }>();
  private readonly channels = new Map<string, Set<ChannelEndpoint>>();
  private readonly peers = new Map<string, PeerData>();
  /** Channel names already warned about, so an app that does not know a channel warns once. */
  private readonly warned = new Set<string>();
  private closed = false;

  constructor(options: RoomDataOptions) {
    this.files = new FileSharing(options.files);
    this.chat = new Chat({
      channel: this.open(CHAT_CHANNEL, isChatWireMessage),
      self: () => {
        const self = options.self();
        return { id: self.id, name: self.name };
      },
    });
    const self = () => {
      const info = options.self();
      return { id: info.id, name: info.name };
    };
    const host: PeerStateHost = {
      onPeerReady: (listener) => this.peerEvents.on('ready', listener),
      onPeerRemoved: (listener) => this.peerEvents.on('removed', listener),
    };
    this.reactions = new Reactions({ channel: this.open(REACTIONS_CHANNEL, isReactionWireMessage), self });
    this.hands = new HandRaise({ channel: this.open(HAND_CHANNEL, isHandWireMessage), host, self });
    this.recording = new RecordingState({ channel: this.open(RECORDING_CHANNEL, isRecordingWireMessage), host, self });
  }

  /** See `Room.channel()`. */
  channel<T>(name: string, options: ChannelOptions<T>): RoomChannel<T> {
    if (!isChannelName(name)) throw new TypeError(`A channel name is 1 to ${MAX_CHANNEL_NAME_LENGTH} characters.`);
    if (name.startsWith(RESERVED_CHANNEL_PREFIX)) throw new TypeError(`Channel names starting with "${RESERVED_CHANNEL_PREFIX}" are reserved.`);
    if (typeof options?.validate !== 'function') throw new TypeError('room.channel() needs a validate function.');
    return this.open(name, options.validate);
  }

  /** Adds a peer's data link; calling it again with another link replaces the old one. */
  addPeer(peer: RemotePeer, link: DataLink): void {
    if (this.closed) return;
    const existing = this.peers.get(peer.id);
    if (existing?.link === link) return;
    if (existing) this.removePeer(peer.id);
    const data: PeerData = { peer, link, early: [], offs: [] };
    this.peers.set(peer.id, data);
    data.offs.push(link.on('attached', (messages, files) => this.wire(data, messages, files)));
    if (link.messages && link.files) this.wire(data, link.messages, link.files);
  }

  removePeer(peerId: string): void {
    const data = this.peers.get(peerId);
    if (!data) return;
    this.peers.delete(peerId);
    for (const off of data.offs) off();
    this.files.removePeer(peerId);
    this.reactions.removePeer(peerId);
    this.peerEvents.emit('removed', peerId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Files first: transfers still going end as `closed` (you left), not `peer-left`.
    this.files.close();
    for (const peerId of [...this.peers.keys()]) this.removePeer(peerId);
    this.chat.close();
    this.reactions.close();
    this.hands.close();
    this.recording.close();
    this.peerEvents.removeAllListeners();
    for (const set of [...this.channels.values()]) for (const channel of [...set]) channel.close();
    this.channels.clear();
  }

  /** @internal ChannelHost */
  send(name: string, body: unknown, to: string | undefined): boolean {
    if (this.closed) return false;
    const text = encodeEnvelope(name, body);
    const targets = to === undefined ? [...this.peers.values()] : [this.peers.get(to)].filter((p) => p !== undefined);
    let sent = false;
    for (const data of targets) {
      const port = data.link.messages;
      if (port) {
        sent = port.send(text) || sent;
      } else {
        if (data.early.length >= MAX_EARLY_MESSAGES) data.early.shift();
        data.early.push(text);
        sent = true;
      }
    }
    return sent;
  }

  /** @internal ChannelHost */
  unregister(channel: ChannelEndpoint): void {
    const set = this.channels.get(channel.name);
    set?.delete(channel);
    if (set?.size === 0) this.channels.delete(channel.name);
  }

  private open<T>(name: string, validate: Validate<T>): RoomChannel<T> {
    const channel = new RoomChannel<T>(name, validate, this);
    if (this.closed) {
      channel.close();
      return channel;
    }
    let set = this.channels.get(name);
    if (!set) {
      set = new Set();
      this.channels.set(name, set);
    }
    set.add(channel);
    return channel;
  }

  private wire(data: PeerData, messages: ChannelPort, files: ChannelPort): void {
    data.offs.push(messages.on('message', (frame) => this.receive(data.peer, frame)));
    for (const text of data.early.splice(0)) messages.send(text);
    this.files.addPeer(data.peer, files);
    // Shared states go to the peer each time a message channel to them opens (a rebuilt connection too).
    const ready = () => this.peerEvents.emit('ready', data.peer);
    if (messages.state === 'open') ready();
    else data.offs.push(messages.on('open', ready));
  }

  private receive(peer: RemotePeer, frame: string | ArrayBuffer): void {
    const parsed = parseEnvelope(frame);
    if (!parsed.ok) {
      console.warn(`[confab] ignored a data-channel message from peer ${peer.id}: ${parsed.reason}.`);
      return;
    }
    const { ch, body } = parsed.envelope;
    const set = this.channels.get(ch);
    if (!set) {
      if (!this.warned.has(ch) && this.warned.size < MAX_WARNED_CHANNELS) {
        this.warned.add(ch);
        console.warn(`[confab] ignored messages on channel "${ch}" from peer ${peer.id}: no channel of that name is open here.`);
      }
      return;
    }
    for (const channel of [...set]) channel.handleMessage(body, peer);
  }
}
