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
