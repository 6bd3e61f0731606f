import { text, type Text } from '../i18n/text.js';

/** Sizes, speeds and durations in words a person reads at a glance, in the viewer's language. */

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * 1536 → "1.5 KB"; 2 GiB → "2 GB". Binary multiples, the way file managers count. The number is
 * written the locale's way (`Intl.NumberFormat`); under 1 KB the unit is the locale's word for bytes.
 */
export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(Math.round(bytes));
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/** 5.5 MiB/s → "5.5 MB/s". */
export function formatSpeed(bytesPerSecond: number, locale = 'en'): Text {
  return text('files.speed', { size: formatBytes(bytesPerSecond, locale) });
}

/** Seconds left → "5 s left", "2 min left", "1 h 5 min left"; null (unknown) → null. */
export function formatTimeLeft(seconds: number | null): Text | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const s = Math.ceil(seconds);
  if (s < 60) return text('files.secondsLeft', { seconds: s });
  const minutes = Math.round(s / 60);
  if (minutes < 60) return text('files.minutesLeft', { minutes });
  return text('files.hoursLeft', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
