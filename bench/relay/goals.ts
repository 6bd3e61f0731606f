import { rssPerConnection, type ServerSummary } from './summary.js';
import type { ServerName } from './servers/registry.js';

/**
 * The team's targets for Confab, each a ratio against another server:
 *   server CPU per relayed message ≤ 0.75× PeerJS and ≤ 0.5× socket.io;
 *   RSS per idle connection ≤ 0.8× PeerJS (checked at every measured connection count).
 */

interface Goal {
  figure: 'cpu' | 'rss';
  versus: ServerName;
  maxRatio: number;
}

const GOALS: readonly Goal[] = [
  { figure: 'cpu', versus: 'peerjs', maxRatio: 0.75 },
  { figure: 'cpu', versus: 'socketio', maxRatio: 0.5 },
  { figure: 'rss', versus: 'peerjs', maxRatio: 0.8 },
];

export interface GoalVerdict {
  goal: string;
  ratio: number | undefined;
  maxRatio: number;
  /** Undefined when a figure it needs was not measured. */
  met: boolean | undefined;
}

export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined;
}

function verdict(goal: string, r: number | undefined, maxRatio: number): GoalVerdict {
  return { goal, ratio: r, maxRatio, met: r === undefined ? undefined : r <= maxRatio };
}

export function evaluateGoals(summaries: readonly ServerSummary[], connectionLevels: readonly number[]): GoalVerdict[] {
  const of = (server: ServerName) => summaries.find((s) => s.server === server);
  const confab = of('confab');
  const verdicts: GoalVerdict[] = [];
  for (const goal of GOALS) {
    const other = of(goal.versus);
    const versus = other?.label ?? goal.versus;
    if (goal.figure === 'cpu') {
      const r = ratio(confab?.relay?.cpuMicrosPerMessage, other?.relay?.cpuMicrosPerMessage);
      verdicts.push(verdict(`CPU per relayed message ≤ ${goal.maxRatio}× ${versus}`, r, goal.maxRatio));
    } else {
      for (const n of connectionLevels) {
        const r = ratio(rssPerConnection(confab, n), rssPerConnection(other, n));
        verdicts.push(verdict(`RSS per idle connection @${n.toLocaleString('en-US')} ≤ ${goal.maxRatio}× ${versus}`, r, goal.maxRatio));
      }
    }
  }
  return verdicts;
}
