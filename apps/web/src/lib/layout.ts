/**
 * Which tile is large: the one pure decision behind the grid and speaker views. Tiles are named
 * by a key: a person's peer id, or another key for a shared screen (the screen-share code picks
 * its own keys and passes them in `screens`).
 */

/** `grid`: everyone the same size. `speaker`: the active speaker large, the others in a strip. */
export type ViewMode = 'grid' | 'speaker';

export interface LayoutInput {
  view: ViewMode;
  /** Every tile on the stage, in display order (yours included). */
  tiles: readonly string[];
  /** Your own tile, never shown large in the speaker view: you do not need to see yourself. */
  selfKey: string;
  /** Tiles that show a shared screen, the most recent last. */
  screens?: readonly string[];
  /** The remote peer who spoke loudest recently (the SDK holds it a while, so it does not jump). */
  activeSpeaker?: string | undefined;
}

export type Layout = { kind: 'grid' } | { kind: 'focus'; large: string };

const GRID: Layout = { kind: 'grid' };

/**
 * A shared screen is always large (the newest, if several): people share to be seen. Otherwise
 * the speaker view shows the active speaker large, or, before anyone spoke, the first other
 * person; alone in the room it is the grid.
 */
export function chooseLayout({ view, tiles, selfKey, screens = [], activeSpeaker }: LayoutInput): Layout {
  const present = new Set(tiles);
  const screen = [...screens].reverse().find((key) => present.has(key));
  if (screen !== undefined) return { kind: 'focus', large: screen };
  if (view !== 'speaker') return GRID;
  if (activeSpeaker !== undefined && activeSpeaker !== selfKey && present.has(activeSpeaker)) {
    return { kind: 'focus', large: activeSpeaker };
  }
  const first = tiles.find((key) => key !== selfKey);
  return first === undefined ? GRID : { kind: 'focus', large: first };
}

/** Whether `key` is the large tile of `layout`. */
export function isLarge(layout: Layout, key: string): boolean {
  return layout.kind === 'focus' && layout.large === key;
}
