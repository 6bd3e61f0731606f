import type { StageLog } from './join-probe.js';
import { median } from './stats.js';

/**
 * The steps of a join, in the order they normally happen, on the newcomer's time line (ms after
 * the click). `resident:` steps happen on the residents' pages. With several residents, a step
 * counts when it has happened with every one of them (the last of them).
 */
export const STAGES = [
  'prepared',
  'join-sent',
  'joined',
  'resident:peer-joined',
  'resident:camera-on-sender',
  'resident:camera-on-sender-done',
  'pc-created',
  'negotiation-needed',
  'local-offer-set',
  'offer-sent',
  'resident:offer-received',
  'resident:remote-offer-set',
  'resident:local-answer-set',
  'resident:answer-sent',
  'answer-received',
  'remote-answer-set',
  'track',
  'local-candidate',
  'remote-candidate-received',
  'ice-checking',
  'ice-connected',
  'resident:dtls-connected',
  'dtls-connected',
  'resident:stats-frame-encoded',
  'resident:stats-rtp-sent',
  'stats-rtp-received',
  'stats-keyframe-request-sent',
  'resident:stats-keyframe-request-received',
  'resident:stats-second-keyframe-encoded',
  'video-element',
  'video-source',
  'video-loaded',
  'blank-frame-presented',
  'frame-received',
  'frame-decoded',
  'stats-frame-decoded',
  'track-picture-decoded',
  'frame-presented',
  'playing',
  'resident:frame-presented',
] as const;

export type Stage = (typeof STAGES)[number];

/**
 * Steps that must come in this order in every join: what the quick test checks. (An offer may be
 * made before the click, so the offer's steps are not in it.)
 */
export const ORDERED_STAGES: readonly Stage[] = ['joined', 'answer-received', 'ice-connected', 'dtls-connected', 'frame-presented'];
/**
 * The same for a prepared join (`prepared` before the click): the connection was up before the
 * click, so only the steps after it are checked; the lobby's ones are negative (before the click).
 */
export const PREPARED_ORDERED_STAGES: readonly Stage[] = ['joined', 'frame-presented'];

const RESIDENT = 'resident:';

/**
 * One join's steps, in ms after the click: each the moment it was reached with all `remotes`
 * other people (missing when it was not). The residents' logs are moved onto the newcomer's
 * time line through their pages' `timeOrigin`.
 */
export function stageTimes(newcomer: StageLog, residents: readonly StageLog[], remotes: number): Partial<Record<Stage, number>> {
  const click = newcomer.events.find((e) => e.stage === 'click');
  if (!click) throw new Error('no click on Join in the newcomer’s stage log');
  const times: Partial<Record<Stage, number>> = {};
  for (const stage of STAGES) {
    let at: number | undefined;
    if (stage.startsWith(RESIDENT)) {
      const name = stage.slice(RESIDENT.length);
      // Each resident reaches it once (with the newcomer); the step is done when the last one has.
      const perResident = residents.map((log) => {
        const first = log.events.find((e) => e.stage === name);
        return first === undefined ? undefined : first.at + log.timeOrigin - newcomer.timeOrigin;
      });
      if (perResident.length > 0 && perResident.every((t) => t !== undefined)) at = Math.max(...(perResident as number[]));
    } else {
      at = reachedWithAll(newcomer, stage, remotes);
    }
    if (at !== undefined) times[stage] = at - click.at;
  }
  return times;
}

/** When `stage` had happened for `count` distinct keys (peers, connections, videos) of `log`. */
function reachedWithAll(log: StageLog, stage: string, count: number): number | undefined {
  const firstByKey = new Map<string, number>();
  for (const event of log.events) {
    if (event.stage !== stage) continue;
    const seen = firstByKey.get(event.key);
    if (seen === undefined || event.at < seen) firstByKey.set(event.key, event.at);
  }
  // Page-wide steps (join, joined) happen once whatever the number of people.
  const needed = [...firstByKey.keys()].every((key) => key === 'page') ? 1 : count;
  if (firstByKey.size < needed) return undefined;
  return [...firstByKey.values()].sort((a, b) => a - b)[needed - 1];
}

/** Each step's median over several joins; a step missing from some joins takes the median of the rest. */
export function stageMedians(runs: readonly Partial<Record<Stage, number>>[]): Partial<Record<Stage, number>> {
  const medians: Partial<Record<Stage, number>> = {};
  for (const stage of STAGES) {
    const values = runs.map((run) => run[stage]).filter((v): v is number => v !== undefined);
    if (values.length > 0) medians[stage] = median(values.sort((a, b) => a - b));
  }
  return medians;
}

/** A problem with `times` (a step out of order, or a figure that is not a positive finite number), or null. */
export function stageProblem(times: Partial<Record<Stage, number>>): string | null {
  let previous: { stage: Stage; at: number } | undefined;
  const prepared = times.prepared !== undefined && times.prepared < 0;
  for (const stage of prepared ? PREPARED_ORDERED_STAGES : ORDERED_STAGES) {
    const at = times[stage];
    if (at === undefined) return `no "${stage}"`;
    if (!Number.isFinite(at) || at <= 0) return `"${stage}" at ${at} ms`;
    if (previous && at < previous.at) return `"${stage}" (${at} ms) before "${previous.stage}" (${previous.at} ms)`;
    previous = { stage, at };
  }
  return null;
}
