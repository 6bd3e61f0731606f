import type { CoreLogger } from '@confab/core';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function plain(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** One JSON object per line on stdout, which CloudWatch Logs keeps as is. */
export function jsonLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => console.log(l)): CoreLogger {
  const at =
    (lvl: LogLevel) =>
    (obj: object, msg?: string): void => {
      if (RANK[lvl] < RANK[level]) return;
      const fields = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
      write(JSON.stringify({ level: lvl, time: new Date().toISOString(), ...fields, ...(msg ? { msg } : {}) }));
    };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
