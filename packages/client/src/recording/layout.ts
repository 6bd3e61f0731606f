/** A rectangle on the recording's canvas, in pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space between tiles and around the grid, in pixels of the canvas. */
export const GRID_GAP = 8;

/**
 * Cells for `count` tiles on a `width`×`height` canvas: as many columns as the square root
 * rounded up, the rows that needs, equal cells, the last row centred. Empty for no tiles.
 */
export function gridLayout(count: number, width: number, height: number, gap = GRID_GAP): Rect[] {
  if (count <= 0) return [];
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const cellWidth = (width - gap * (columns + 1)) / columns;
  const cellHeight = (height - gap * (rows + 1)) / rows;
  const cells: Rect[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / columns);
    const inRow = row === rows - 1 ? count - row * columns : columns;
    const offset = ((columns - inRow) * (cellWidth + gap)) / 2;
    const column = i % columns;
    cells.push({
      x: Math.round(gap + offset + column * (cellWidth + gap)),
      y: Math.round(gap + row * (cellHeight + gap)),
      width: Math.round(cellWidth),
      height: Math.round(cellHeight),
    });
  }
  return cells;
}

/** The largest rectangle of `sourceWidth`:`sourceHeight` that fits in `cell`, centred ("contain"). */
export function fitInside(sourceWidth: number, sourceHeight: number, cell: Rect): Rect {
  if (sourceWidth <= 0 || sourceHeight <= 0) return cell;
  const scale = Math.min(cell.width / sourceWidth, cell.height / sourceHeight);
  const width = Math.round(sourceWidth * scale);
  const height = Math.round(sourceHeight * scale);
  return { x: cell.x + Math.round((cell.width - width) / 2), y: cell.y + Math.round((cell.height - height) / 2), width, height };
}

/** The strip of small tiles under a shared screen takes this share of the canvas height (the app's stage: 20vh). */
export const STRIP_SHARE = 0.2;
/** Small tiles in the strip are at most this wide for their height (16:9). */
const STRIP_TILE_ASPECT = 16 / 9;

/** Where each tile goes: the screens (the first large) and the people. */
export interface StageCells {
  screens: Rect[];
  people: Rect[];
}

/**
 * The recording's stage, like the app's: with no shared screen, the people in a grid
 * (gridLayout). With one or more, the first screen large across the top, and under it a strip
 * STRIP_SHARE of the height tall holding the other screens, then the people, as 16:9 cells
 * (narrower when many must fit), centred.
 */
export function stageLayout(screenCount: number, peopleCount: number, width: number, height: number, gap = GRID_GAP): StageCells {
  if (screenCount <= 0) return { screens: [], people: gridLayout(peopleCount, width, height, gap) };
  const small = screenCount - 1 + Math.max(0, peopleCount);
  const stripHeight = small > 0 ? Math.round(height * STRIP_SHARE) : 0;
  const main: Rect = {
    x: gap,
    y: gap,
    width: width - gap * 2,
    height: height - gap * 2 - (small > 0 ? stripHeight + gap : 0),
  };
  const cellWidth = Math.min(stripHeight * STRIP_TILE_ASPECT, (width - gap * (small + 1)) / Math.max(small, 1));
  const rowWidth = small * cellWidth + (small - 1) * gap;
  const left = (width - rowWidth) / 2;
  const y = height - gap - stripHeight;
  const strip: Rect[] = [];
  for (let i = 0; i < small; i++) {
    strip.push({ x: Math.round(left + i * (cellWidth + gap)), y, width: Math.round(cellWidth), height: stripHeight });
  }
  return { screens: [main, ...strip.slice(0, screenCount - 1)], people: strip.slice(screenCount - 1) };
}

/**
 * The order of shared screens, the one to show large first: those in `previous` that are still
 * `present` keep their order, and new ones go in front (the newest share takes the stage).
 */
export function orderScreens(previous: readonly string[], present: readonly string[]): string[] {
  const still = new Set(present);
  const kept = previous.filter((id) => still.has(id));
  const started = present.filter((id) => !kept.includes(id));
  return [...started, ...kept];
}
