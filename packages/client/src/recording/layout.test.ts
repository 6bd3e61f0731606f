import { describe, expect, it } from 'vitest';
import { fitInside, gridLayout, orderScreens, stageLayout } from './layout.js';

describe('gridLayout', () => {
  it('no tiles, no cells; one tile fills the canvas inside the gap', () => {
    expect(gridLayout(0, 1280, 720)).toEqual([]);
    expect(gridLayout(1, 1280, 720, 8)).toEqual([{ x: 8, y: 8, width: 1264, height: 704 }]);
  });

  it('two side by side, four in a 2×2, five in 3+2 with the last row centred', () => {
    expect(gridLayout(2, 1280, 720, 0).map((c) => [c.x, c.y])).toEqual([
      [0, 0],
      [640, 0],
    ]);
    expect(gridLayout(4, 1280, 720, 0).map((c) => [c.x, c.y])).toEqual([
      [0, 0],
      [640, 0],
      [0, 360],
      [640, 360],
    ]);
    const five = gridLayout(5, 1200, 600, 0);
    expect(five.map((c) => c.width)).toEqual([400, 400, 400, 400, 400]);
    expect(five.slice(3).map((c) => [c.x, c.y])).toEqual([
      [200, 300],
      [600, 300],
    ]);
  });

  it('every cell stays on the canvas, for up to twelve tiles', () => {
    for (let n = 1; n <= 12; n++) {
      for (const cell of gridLayout(n, 1280, 720)) {
        expect(cell.x).toBeGreaterThanOrEqual(0);
        expect(cell.y).toBeGreaterThanOrEqual(0);
        expect(cell.x + cell.width).toBeLessThanOrEqual(1280);
        expect(cell.y + cell.height).toBeLessThanOrEqual(720);
      }
    }
  });
});

describe('fitInside', () => {
  it('keeps the aspect ratio and centres: a 4:3 picture in a 16:9 cell has bars on the sides', () => {
    expect(fitInside(640, 480, { x: 0, y: 0, width: 1280, height: 720 })).toEqual({ x: 160, y: 0, width: 960, height: 720 });
    expect(fitInside(0, 0, { x: 1, y: 2, width: 3, height: 4 })).toEqual({ x: 1, y: 2, width: 3, height: 4 });
  });
});

describe('stageLayout', () => {
  it('with no screen, the people are in the grid', () => {
    expect(stageLayout(0, 3, 1280, 720)).toEqual({ screens: [], people: gridLayout(3, 1280, 720) });
  });

  it('one screen and two people: the screen large across the top, the people small and centred in a strip under it', () => {
    const { screens, people } = stageLayout(1, 2, 1280, 720, 8);
    expect(screens).toEqual([{ x: 8, y: 8, width: 1264, height: 552 }]);
    // The strip is 144 px tall (20 % of 720); its cells 16:9 (256 px), centred: (1280 − 256·2 − 8) / 2 = 380.
    expect(people).toEqual([
      { x: 380, y: 568, width: 256, height: 144 },
      { x: 644, y: 568, width: 256, height: 144 },
    ]);
  });

  it('a screen alone fills the canvas', () => {
    expect(stageLayout(1, 0, 1280, 720, 8)).toEqual({ screens: [{ x: 8, y: 8, width: 1264, height: 704 }], people: [] });
  });

  it('the other screens come first in the strip, then the people', () => {
    const { screens, people } = stageLayout(2, 1, 1280, 720, 8);
    expect(screens).toHaveLength(2);
    expect(screens[0]!.height).toBe(552);
    expect(screens[1]!.y).toBe(568);
    expect(people).toHaveLength(1);
    expect(people[0]!.x).toBeGreaterThan(screens[1]!.x);
  });

  it('many people narrow the strip cells so all fit, nothing overlaps and everything stays on the canvas', () => {
    for (let screensCount = 1; screensCount <= 3; screensCount++) {
      for (let n = 0; n <= 12; n++) {
        const { screens, people } = stageLayout(screensCount, n, 1280, 720);
        const cells = [...screens, ...people];
        expect(cells).toHaveLength(screensCount + n);
        for (const cell of cells) {
          expect(cell.x).toBeGreaterThanOrEqual(0);
          expect(cell.y).toBeGreaterThanOrEqual(0);
          expect(cell.x + cell.width).toBeLessThanOrEqual(1280);
          expect(cell.y + cell.height).toBeLessThanOrEqual(720);
        }
        const strip = cells.slice(1);
        for (let i = 1; i < strip.length; i++) expect(strip[i]!.x).toBeGreaterThanOrEqual(strip[i - 1]!.x + strip[i - 1]!.width);
      }
    }
  });
});

describe('orderScreens', () => {
  it('a new share goes first, the others keep their order, and a share that stopped goes', () => {
    expect(orderScreens([], ['bob'])).toEqual(['bob']);
    expect(orderScreens(['bob'], ['bob', 'ann'])).toEqual(['ann', 'bob']);
    expect(orderScreens(['ann', 'bob'], ['bob', 'ann', 'cy'])).toEqual(['cy', 'ann', 'bob']);
    expect(orderScreens(['cy', 'ann', 'bob'], ['bob', 'cy'])).toEqual(['cy', 'bob']);
    expect(orderScreens(['bob'], [])).toEqual([]);
  });
});
