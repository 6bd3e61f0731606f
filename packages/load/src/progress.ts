import type { ScenarioStatus } from './scenario.js';

/**
 * The live progress line: rewritten in place (carriage return) on a terminal, a fresh line every
 * few seconds otherwise (CI logs, files).
 */

export const TTY_INTERVAL_MS = 500;
export const LOG_INTERVAL_MS = 5_000;

export function progressLine(s: ScenarioStatus): string {
  const p50 = Number.isFinite(s.relayP50Ms) ? `${s.relayP50Ms.toFixed(1)} ms` : '–';
  return (
    `${(s.elapsedMs / 1000).toFixed(0).padStart(4)} s  present ${s.present}/${s.target}  joins ${s.joins}  leaves ${s.leaves}  ` +
    `signals ${s.signalsDelivered}/${s.signalsSent} (${s.inFlight} in flight)  relay p50 ${p50}  errors ${s.errors}`
  );
}

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Starts printing `status()`; the returned function stops and ends the line. */
export function startProgress(stream: ProgressStream, status: () => ScenarioStatus): () => void {
  const tty = stream.isTTY === true;
  let width = 0;
  const print = () => {
    const line = progressLine(status());
    if (tty) {
      stream.write(`\r${line.padEnd(width)}`);
      width = line.length;
    } else stream.write(`${line}\n`);
  };
  const timer = setInterval(print, tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    if (tty) {
      print();
      stream.write('\n');
    }
  };
}
