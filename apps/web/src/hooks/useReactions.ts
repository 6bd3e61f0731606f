import type { ReactionEmoji, Room } from '@confab/client';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ReactionFeed, type ShownReactions } from '../lib/reaction-feed.js';

/** One feed per room, shared by every tile. */
const feeds = new WeakMap<Room, ReactionFeed>();

function feedOf(room: Room): ReactionFeed {
  let feed = feeds.get(room);
  if (!feed) {
    feed = new ReactionFeed();
    feed.start(room.reactions);
    feeds.set(room, feed);
  }
  return feed;
}

/** The reactions floating over the tiles now, by sender's peer id. */
export function useShownReactions(room: Room): ShownReactions {
  const feed = feedOf(room);
  useEffect(() => {
    // Once the room is gone there is nothing more to show.
    return room.on('closed', () => feed.stop());
  }, [room, feed]);
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}

/** Sends a reaction (it shows on your own tile too). A stable function. */
export function useSendReaction(room: Room): (emoji: ReactionEmoji) => void {
  return useCallback((emoji: ReactionEmoji) => void room.reactions.send(emoji), [room]);
}
