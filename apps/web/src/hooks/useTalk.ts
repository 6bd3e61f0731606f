import type { QualityLevel, Room } from '@confab/client';
import { useMemo, useSyncExternalStore } from 'react';

/** Who is speaking, who the speaker view follows, and how good each link is: what the tiles show. */
export interface TalkView {
  /** Peer ids (yours included) whose speaking indicator is lit. */
  readonly speaking: ReadonlySet<string>;
  /** The grade of the link to each remote peer. */
  readonly quality: ReadonlyMap<string, QualityLevel>;
  /** The remote peer the speaker view shows large, once someone spoke. */
  readonly activeSpeaker: string | undefined;
}

/** Room events after which the talk view may differ. */
const TALK_EVENTS = ['peerSpeaking', 'selfSpeaking', 'activeSpeaker', 'peerQuality', 'peerJoined', 'peerLeft'] as const;

function readTalk(room: Room): TalkView {
  const speaking = new Set<string>();
  const quality = new Map<string, QualityLevel>();
  if (room.selfSpeaking) speaking.add(room.self.id);
  for (const peer of room.peers.values()) {
    if (peer.speaking) speaking.add(peer.id);
    quality.set(peer.id, peer.quality);
  }
  return { speaking, quality, activeSpeaker: room.activeSpeaker?.id };
}

/** The room's talk view, read again only when one of its events fires. */
export function useTalk(room: Room): TalkView {
  const store = useMemo(() => {
    let snapshot: TalkView | undefined;
    return {
      subscribe(onChange: () => void) {
        const offs = TALK_EVENTS.map((event) =>
          room.on(event, () => {
            snapshot = undefined;
            onChange();
          }),
        );
        return () => {
          for (const off of offs) off();
        };
      },
      getSnapshot(): TalkView {
        snapshot ??= readTalk(room);
        return snapshot;
      },
    };
  }, [room]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
