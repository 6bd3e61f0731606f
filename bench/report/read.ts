/**
 * Tolerant reading of bench results: every file in bench/results/ is JSON written by some bench,
 * possibly an older or newer version of it. Each accessor returns undefined for what is missing or
 * of the wrong kind, so one changed field leaves a dash in a table rather than a crash.
 */

export type Json = unknown;

export function at(value: Json, ...path: Array<string | number>): Json {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

export function num(value: Json, ...path: Array<string | number>): number | undefined {
  const v = at(value, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function str(value: Json, ...path: Array<string | number>): string | undefined {
  const v = at(value, ...path);
  return typeof v === 'string' ? v : undefined;
}

export function list(value: Json, ...path: Array<string | number>): Json[] {
  const v = at(value, ...path);
  return Array.isArray(v) ? v : [];
}

export function numbers(value: Json, ...path: Array<string | number>): number[] {
  return list(value, ...path).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
}

/** The keys and values of an object, or none. */
export function entries(value: Json, ...path: Array<string | number>): Array<[string, Json]> {
  const v = at(value, ...path);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.entries(v) : [];
}
