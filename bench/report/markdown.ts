/** Markdown helpers for docs/benchmarks.md: tables, and numbers formatted alike everywhere. */

export const NONE = '–';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** A number to show: not undefined, NaN or infinite (those are shown as NONE). */
const shown = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);

export const int = (n: number | undefined) => (shown(n) ? Math.round(n).toLocaleString('en-US') : NONE);
export const fixed = (n: number | undefined, digits = 1) => (shown(n) ? n.toFixed(digits) : NONE);
export const ms = (n: number | undefined) => (shown(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : NONE);
export const kib = (bytes: number | undefined) => (bytes === undefined ? NONE : `${(bytes / 1024).toFixed(1)} KiB`);
/** A median in KiB, with the min–max of the runs it is the median of in brackets when given. */
export function kibSpread(bytes: number | undefined, spread?: { min: number; max: number }): string {
  if (!shown(bytes)) return NONE;
  return spread ? `${kib(bytes)} (${(spread.min / 1024).toFixed(1)}–${(spread.max / 1024).toFixed(1)})` : kib(bytes);
}
export const percent = (share: number | undefined) => (shown(share) ? `${Math.round(share * 100)}%` : NONE);
export const times = (n: number | undefined) => (shown(n) ? `${n.toFixed(2)}×` : NONE);

export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/** "2026-12-04 13:40 UTC" from an ISO date, or the dash. */
export function when(iso: string | undefined): string {
  if (!iso) return NONE;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
