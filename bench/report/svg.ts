/**
 * Bar charts as SVG, drawn by hand (no chart library): one or more panels side by side, each a
 * set of horizontal bars with their values written next to them. Plain shapes and text only, so
 * the file renders the same on GitHub, in a browser, and in a diff.
 */

export interface Bar {
  label: string;
  value: number | undefined;
  /** Drawn in the accent colour (Confab) rather than grey (the others). */
  highlight?: boolean;
}

export interface Panel {
  title: string;
  /** Formats a value for its label, e.g. `(v) => `${v.toFixed(1)} µs``. */
  format(value: number): string;
  bars: Bar[];
}

const BAR_SPACE = 210;
const MIN_LABEL_WIDTH = 80;
/** Roughly the advance of one character of 12 px system-ui text: labels are sized from it. */
const CHAR_WIDTH = 7;
const VALUE_WIDTH = 70;
const BAR_HEIGHT = 22;
const BAR_GAP = 8;
const TITLE_HEIGHT = 28;
const MARGIN = 16;
const FOOTER_HEIGHT = 20;
const ACCENT = '#2563eb';
const GREY = '#9ca3af';
const TEXT = '#111827';
const MUTED = '#6b7280';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (n: number) => (Math.round(n * 10) / 10).toString();

function labelWidth(panels: readonly Panel[]): number {
  const longest = Math.max(0, ...panels.flatMap((p) => p.bars.map((b) => b.label.length)));
  return Math.max(MIN_LABEL_WIDTH, longest * CHAR_WIDTH + 12);
}

function panel(p: Panel, x0: number, y0: number, labelSpace: number): string[] {
  const out = [`<text x="${x0}" y="${y0 + 16}" font-size="14" font-weight="600" fill="${TEXT}">${escape(p.title)}</text>`];
  const values = p.bars.map((b) => b.value).filter((v): v is number => v !== undefined && v > 0);
  const max = values.length > 0 ? Math.max(...values) : 1;
  const barSpace = BAR_SPACE;
  p.bars.forEach((bar, i) => {
    const y = y0 + TITLE_HEIGHT + i * (BAR_HEIGHT + BAR_GAP);
    const cy = y + BAR_HEIGHT / 2 + 4;
    out.push(`<text x="${x0}" y="${cy}" font-size="12" fill="${TEXT}">${escape(bar.label)}</text>`);
    if (bar.value === undefined || bar.value <= 0) {
      out.push(`<text x="${x0 + labelSpace}" y="${cy}" font-size="12" fill="${MUTED}">not measured</text>`);
      return;
    }
    const width = Math.max(1, (bar.value / max) * barSpace);
    out.push(
      `<rect x="${x0 + labelSpace}" y="${y}" width="${fixed(width)}" height="${BAR_HEIGHT}" rx="3" fill="${bar.highlight ? ACCENT : GREY}"/>`,
      `<text x="${fixed(x0 + labelSpace + width + 6)}" y="${cy}" font-size="12" fill="${TEXT}">${escape(p.format(bar.value))}</text>`,
    );
  });
  return out;
}

/** Panels side by side, with a footnote (what was measured, where, when) under them. */
export function barChart(title: string, panels: readonly Panel[], footnote: string): string {
  const rows = Math.max(...panels.map((p) => p.bars.length));
  const labels = labelWidth(panels);
  const panelWidth = labels + BAR_SPACE + VALUE_WIDTH;
  const width = MARGIN * 2 + panels.length * panelWidth + (panels.length - 1) * MARGIN;
  const panelsTop = MARGIN + TITLE_HEIGHT;
  const height = panelsTop + TITLE_HEIGHT + rows * (BAR_HEIGHT + BAR_GAP) + FOOTER_HEIGHT + MARGIN;
  const body = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 16}" font-size="16" font-weight="700" fill="${TEXT}">${escape(title)}</text>`,
    ...panels.flatMap((p, i) => panel(p, MARGIN + i * (panelWidth + MARGIN), panelsTop, labels)),
    `<text x="${MARGIN}" y="${height - MARGIN}" font-size="11" fill="${MUTED}">${escape(footnote)}</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" role="img" aria-label="${escape(title)}">`,
    ...body.map((line) => `  ${line}`),
    '</svg>',
    '',
  ].join('\n');
}
