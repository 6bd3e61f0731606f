import '../reactions.css';
import { useRoom } from '../hooks/room-context.js';
import { useRaisedHands } from '../hooks/useHandRaise.js';
import { useShownReactions } from '../hooks/useReactions.js';
import { HandBadge } from './HandBadge.js';
import { ReactionFloat } from './ReactionFloat.js';

const NO_REACTIONS = [] as const;

/** A room's extras on one tile: the person's raised hand (with their place in line) and reactions. */
export function RoomTileExtras({ peerId }: { peerId: string }) {
  const room = useRoom();
  const hands = useRaisedHands(room);
  const shown = useShownReactions(room);
  const position = hands.findIndex((hand) => hand.peerId === peerId) + 1;
  return (
    <>
      {position > 0 && <HandBadge position={position} />}
      <ReactionFloat reactions={shown.get(peerId) ?? NO_REACTIONS} />
    </>
  );
}
