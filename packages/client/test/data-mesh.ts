import type { PeerInfo } from '@confab/protocol';
import { afterEach, beforeEach, vi } from 'vitest';
import { DataLink, type DataChannelFactory } from '../src/data/data-link.js';
import { RoomData } from '../src/data/room-data.js';
import type { FileSharingOptions } from '../src/files/file-sharing.js';
import { RemotePeer } from '../src/remote-peer.js';
import { fakeChannelPair, type FakeDataChannel, type FakeNetworkOptions } from './fake-data-channel.js';
import { FakeMediaStream } from './fake-rtc.js';

/**
 * People in a room with their data layers (RoomData) linked pairwise by fake data channels: the
 * whole data side of the SDK (channels, chat, files) without browsers. Needs `MediaStream`
 * stubbed (RemotePeer makes one).
 */
export interface MeshPerson {
  info: PeerInfo;
  data: RoomData;
  /** This person's ends of the channels to each other person, by their id. */
  channels: Map<string, { messages: FakeDataChannel; files: FakeDataChannel }>;
  /** How this person sees each other person. */
  peers: Map<string, RemotePeer>;
}

export function person(id: string, name = id): PeerInfo {
  return { id, name, media: { audio: false, video: false } };
}

export function dataMesh(
  ids: string[],
  options: { network?: FakeNetworkOptions; files?: FileSharingOptions | ((id: string) => FileSharingOptions); open?: boolean } = {},
): Map<string, MeshPerson> {
  const people = new Map<string, MeshPerson>();
  for (const id of ids) {
    const info = person(id, id.toUpperCase());
    const files = typeof options.files === 'function' ? options.files(id) : options.files;
    people.set(id, {
      info,
      data: new RoomData({ self: () => info, ...(files ? { files } : {}) }),
      channels: new Map(),
      peers: new Map(),
    });
  }
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) link(people.get(ids[i]!)!, people.get(ids[j]!)!, options);
  }
  return people;
}

function link(
  a: MeshPerson,
  b: MeshPerson,
  options: { network?: FakeNetworkOptions; files?: FileSharingOptions | ((id: string) => FileSharingOptions); open?: boolean },
): void {
  const [messagesA, messagesB] = fakeChannelPair('confab-messages', 0, options.network);
  const [filesA, filesB] = fakeChannelPair('confab-files', 1, options.network);
  a.channels.set(b.info.id, { messages: messagesA, files: filesA });
  b.channels.set(a.info.id, { messages: messagesB, files: filesB });
  for (const [self, other, ends] of [
    [a, b, [messagesA, filesA]],
    [b, a, [messagesB, filesB]],
  ] as const) {
    const factory: DataChannelFactory = {
      createDataChannel: (label) => (label === 'confab-messages' ? ends[0] : ends[1]),
    };
    const files = typeof options.files === 'function' ? options.files(self.info.id) : options.files;
    // The channel's low-water mark below the sender's high-water mark, as in the browser.
    const high = files?.highWaterMark;
    const dataLink = new DataLink(other.info.id, high === undefined ? {} : { fileLowWaterMark: Math.floor(high / 4) });
    dataLink.attach(factory);
    const peer = new RemotePeer(other.info);
    self.peers.set(other.info.id, peer);
    self.data.addPeer(peer, dataLink);
  }
  if (options.open !== false) {
    messagesA.open();
    filesA.open();
  }
}

/** Per test: fake MediaStream and fake timers for a data mesh, all restored afterwards. */
export function useDataMeshEnvironment(): void {
  beforeEach(() => {
    vi.stubGlobal('MediaStream', FakeMediaStream);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}
