import type { Browser } from 'playwright-core';
import { newPerson, type Person } from '../e2e/harness/browser.js';
import { expectFramesAdvancing, expectMesh } from '../e2e/harness/media.js';
import type { RunningServer } from '../e2e/harness/server.js';
import { joinAndEnter, joinButton, openLobby, remoteTiles, uniqueRoom } from '../e2e/harness/ui.js';
import { pollUntil, sleep } from '../e2e/harness/wait.js';
import { installStageProbe, readStages, resetStages, waitForStage, type StageLog } from './join-probe.js';
import { stageTimes, type Stage } from './join-stages.js';
import { lobbyPrepared, lobbyReady, watchSignaling } from './lobby.js';
import { machineBetween, readThreads, type MachineWindow } from './machine-threads.js';

/**
 * One room of the join benchmark: `people - 1` residents in a call with video, and newcomers
 * who join it one at a time, each measured from the click on Join until the first frame of
 * every resident's video is on screen.
 */

/** How long one join may take before the run counts as failed. */
const JOIN_TIMEOUT_MS = 30_000;
/** How long the residents may take to notice the newcomer left, before the next run starts. */
const SETTLE_TIMEOUT_MS = 10_000;
/** A pause between runs, so the previous newcomer's teardown does not overlap the next measure. */
const PAUSE_BETWEEN_RUNS_MS = 500;

const JOIN_CLICK_MARK = 'confab:join-click';
const FIRST_REMOTE_FRAME_MARK = 'confab:first-remote-frame';

export type Variant = 'warm' | 'cold';
const QUERY: Record<Variant, string> = { warm: '', cold: '?cold=1' };

export interface JoinSample {
  /** Click on Join → the first frame of the last remote video presented (requestVideoFrameCallback). */
  ms: number;
  /** The app's own marks, 'confab:join-click' → 'confab:first-remote-frame' (the first remote video only). */
  appMarksMs: number | null;
  stages: Partial<Record<Stage, number>>;
  /** The whole machine from just before the click until the first frames were on screen. */
  machine: MachineWindow;
}

export interface BenchRoom {
  readonly people: number;
  measure(variant: Variant, label: string): Promise<JoinSample>;
  close(): Promise<void>;
}

const residentName = (i: number) => `resident-${i + 1}`;

/** Starts a room of `people - 1` residents on `server`, all seeing each other. */
export async function openBenchRoom(
  browser: Browser,
  server: RunningServer,
  people: number,
  {
    pollStats = false,
    members = false,
  }: {
    pollStats?: boolean;
    /** Also time each member's first picture of the newcomer (the members' pages check their frames: CPU). */
    members?: boolean;
  } = {},
): Promise<BenchRoom> {
  const room = uniqueRoom(`bench${people}`);
  const residents: Person[] = [];
  const close = async () => {
    await Promise.all(residents.map((r) => r.close()));
  };
  try {
    for (let i = 0; i < people - 1; i++) {
      const resident = await newPerson(browser, residentName(i));
      residents.push(resident);
      await installStageProbe(resident.context, { pollStats, remoteVideos: members });
      await joinAndEnter(resident.page, server.url, room, resident.name);
    }
    if (residents.length > 1) await expectMesh(residents);
  } catch (error) {
    await close();
    throw error;
  }

  const measure = async (variant: Variant, label: string): Promise<JoinSample> => {
    const newcomer = await newPerson(browser, `newcomer-${variant}-${label}`);
    try {
      await installStageProbe(newcomer.context, { pollStats });
      const signaling = watchSignaling(newcomer.page);
      await openLobby(newcomer.page, server.url, room, newcomer.name, QUERY[variant]);
      await lobbyReady(newcomer.page, variant === 'warm' ? { preview: true, signaling } : { preview: false });
      // A warm lobby where the app prepares the join: clicked once that is done, as a person would.
      if (variant === 'warm') await lobbyPrepared(newcomer.page, residents.length);
      await Promise.all(residents.map((r) => resetStages(r.page)));

      const before = readThreads();
      await joinButton(newcomer.page).click();
      // One wait inside the page: polling it would take the main thread the join needs.
      const presented = await waitForStage(newcomer.page, 'frame-presented', residents.length, JOIN_TIMEOUT_MS);
      const machine = machineBetween(before, readThreads());
      if (!presented) {
        const last = await readStages(newcomer.page);
        throw new Error(
          `${newcomer.name}'s first frame from every resident did not come within ${JOIN_TIMEOUT_MS} ms: ${last.events.map((e) => `${e.stage}/${e.key}@${e.at.toFixed(0)}`).join(' ')}`,
        );
      }
      if (members) {
        // The other direction: every member shows the newcomer's picture (`resident:frame-presented`).
        const seenByAll = await Promise.all(residents.map((r) => waitForStage(r.page, 'frame-presented', 1, JOIN_TIMEOUT_MS)));
        if (!seenByAll.every(Boolean)) throw new Error(`not every member showed ${newcomer.name}'s picture within ${JOIN_TIMEOUT_MS} ms`);
      }
      const log = await readStages(newcomer.page);
      // The figure counts only if video really flows afterwards, from everyone.
      for (const resident of residents) await expectFramesAdvancing(newcomer.page, resident.name);
      const residentLogs: StageLog[] = await Promise.all(residents.map((r) => readStages(r.page)));
      const stages = stageTimes(log, residentLogs, residents.length);
      const ms = stages['frame-presented'];
      if (ms === undefined) throw new Error('no first frame in the stage log');
      return { ms, appMarksMs: await appMarks(newcomer), stages, machine };
    } catch (error) {
      console.error(newcomer.consoleLines().slice(-20).join('\n'));
      // What the residents saw of this join, for the failure's diagnosis.
      for (const resident of residents) {
        const seen = await readStages(resident.page).catch(() => undefined);
        console.error(`${resident.name}: ${seen ? seen.events.map((e) => `${e.stage}/${e.key}`).join(' ') : 'page not readable'}`);
        console.error(resident.consoleLines().slice(-5).join('\n'));
      }
      throw error;
    } finally {
      await newcomer.close();
      await Promise.all(
        residents.map((r) =>
          pollUntil(async () => ((await remoteTiles(r.page).count()) === residents.length - 1 ? true : undefined), {
            timeoutMs: SETTLE_TIMEOUT_MS,
            what: `${r.name} to see the newcomer leave`,
          }),
        ),
      );
      await sleep(PAUSE_BETWEEN_RUNS_MS);
    }
  };

  return { people, measure, close };
}

/** The app's own figure, 'confab:join-click' → 'confab:first-remote-frame', when it set both marks. */
async function appMarks(person: Person): Promise<number | null> {
  return person.page.evaluate(
    ({ clickMark, frameMark }) => {
      const click = performance.getEntriesByName(clickMark, 'mark')[0];
      const frame = performance.getEntriesByName(frameMark, 'mark')[0];
      return click && frame ? frame.startTime - click.startTime : null;
    },
    { clickMark: JOIN_CLICK_MARK, frameMark: FIRST_REMOTE_FRAME_MARK },
  );
}
