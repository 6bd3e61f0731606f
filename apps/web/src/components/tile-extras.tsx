import { createContext, useContext, type ComponentType } from 'react';

/** What a room draws on each tile besides the video: a raised hand, floating reactions. */
export type TileExtrasComponent = ComponentType<{ peerId: string }>;

const TileExtrasContext = createContext<TileExtrasComponent | null>(null);

/** Gives every Tile inside the extras to draw for its person. Optional: tiles outside show none. */
export const TileExtrasProvider = TileExtrasContext.Provider;

/** Where a Tile draws its extras, if its room gives any. */
export function TileExtrasSlot({ peerId }: { peerId: string }) {
  const Extras = useContext(TileExtrasContext);
  return Extras ? <Extras peerId={peerId} /> : null;
}
