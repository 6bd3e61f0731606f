/**
 * `npm run bench:datachannel`: file-transfer throughput between two Chromium peers on loopback,
 * against a raw RTCDataChannel blast in the same run.
 *
 * The built server and web app, Debian Chromium. ann and bob join a room through the UI without
 * camera or microphone (no video competes for the CPU). Two kinds of run, interleaved
 * (sdk, raw, sdk, raw, …) so drift in the machine's load hits both alike:
 *
 *   sdk  the product, end to end: ann sends a file through "Send file" (read with File.slice,
 *        64 KiB frames, bufferedamountlow backpressure, incremental SHA-256 on both sides, chunks
 *        gathered into Blobs); the clock runs in bob's page from his Accept to "Integrity verified".
 *   raw  the same two pages open a second RTCPeerConnection pair (signaled by this script) with
 *        one pre-negotiated channel; bob says "go" and ann sends the same number of bytes as
 *        frames of the same size from one pre-filled buffer, with the same low/high-water marks;
 *        no header, no file reads, no hashing, no Blobs. The clock runs in bob's page from "go"
 *        to the last byte.
 *
 * Goal: sdk ≥ 0.8 × raw (medians). Writes bench/results/datachannel.json.
 *
 * Usage: npm run bench:datachannel -- [--size-mb N] [--runs N] [--out FILE]
 */

import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { FILE_LOW_WATER_MARK } from '../packages/client/src/data/data-link.js';
import { FILE_CHUNK_SIZE, FILE_HIGH_WATER_MARK } from '../packages/client/src/files/constants.js';
import { CHROMIUM_PATH, launchBrowser, newPerson, type Person } from '../e2e/harness/browser.js';
import { sendFile, transferRow, writeRandomFile } from '../e2e/harness/data.js';
import { REPO_ROOT, startServer } from '../e2e/harness/server.js';
import { openLobby, remoteTiles, selfTile, uniqueRoom } from '../e2e/harness/ui.js';
import { pollUntil } from '../e2e/harness/wait.js';
import { updateReportFor } from './report/index.js';
import { machineInfo } from './report/machine.js';
import { summarize, type Summary } from './stats.js';

const DEFAULT_SIZE_MB = 256;
const DEFAULT_RUNS = 5;
const DEFAULT_OUT = resolve(REPO_ROOT, 'bench/results/datachannel.json');
/** How long one transfer may take before the run counts as failed. */
const RUN_TIMEOUT_MS = 300_000;
const SETUP_TIMEOUT_MS = 30_000;
/** A pause between runs, so the last run's teardown (Blobs freed, buffers drained) does not overlap. */
const PAUSE_BETWEEN_RUNS_MS = 1000;
const MB = 1024 * 1024;

type Kind = 'sdk' | 'raw';

interface Run {
  kind: Kind;
  run: number;
  bytes: number;
  ms: number;
  /** MiB/s. */
  mbps: number;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      'size-mb': { type: 'string', default: String(DEFAULT_SIZE_MB) },
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      out: { type: 'string', default: DEFAULT_OUT },
    },
  });
  const sizeMb = Number(values['size-mb']);
  const runs = Number(values.runs);
  if (!Number.isInteger(sizeMb) || sizeMb < 1) throw new Error(`--size-mb must be a positive integer, got "${values['size-mb']}"`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  return { bytes: sizeMb * MB, runs, out: resolve(values.out) };
}

/**
 * Joins without camera or microphone: the camera is refused (getUserMedia rejects, as when a person
 * blocks it), and the lobby's "Join without camera or microphone" is clicked. No RTP flows, so the
 * data channels have the connection (and the CPU) to themselves, as in a chat-and-files call.
 */
async function enter(browser: Browser, url: string, room: string, name: string): Promise<Person> {
  const person = await newPerson(browser, name);
  await person.context.addInitScript({
    content: `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('blocked for the benchmark', 'NotAllowedError'));`,
  });
  await openLobby(person.page, url, room, name);
  await person.page.getByRole('button', { name: 'Join without camera or microphone', exact: true }).click({ timeout: SETUP_TIMEOUT_MS });
  await selfTile(person.page).waitFor({ timeout: SETUP_TIMEOUT_MS });
  return person;
}

/** Watches, in bob's page, when the row of `name` turns `transferring` (his Accept) and `complete`. */
async function timeRow(page: Page, name: string): Promise<void> {
  await page.evaluate((name) => {
    const times: { start?: number; end?: number; failed?: string } = {};
    const w = window as unknown as { __benchRow: typeof times; __benchObserver?: MutationObserver };
    w.__benchObserver?.disconnect();
    w.__benchRow = times;
    const check = () => {
      const row = document.querySelector(`[data-testid="transfer"][data-direction="incoming"][data-name=${JSON.stringify(name)}]`);
      const state = row?.getAttribute('data-state');
      if (state === 'transferring' && times.start === undefined) times.start = performance.now();
      if (state === 'complete' && times.end === undefined) times.end = performance.now();
      if (state === 'failed' || state === 'cancelled') times.failed = row?.querySelector('.transfer-status')?.textContent ?? state;
    };
    w.__benchObserver = new MutationObserver(check);
    w.__benchObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  }, name);
}

async function sdkRun(ann: Person, bob: Person, path: string, name: string, bytes: number): Promise<number> {
  await timeRow(bob.page, name);
  await sendFile(ann.page, path, 'bob');
  const offer = transferRow(bob.page, 'incoming', name);
  await offer.getByRole('button', { name: 'Accept', exact: true }).click({ timeout: SETUP_TIMEOUT_MS });
  const ms = await pollUntil(
    () =>
      bob.page.evaluate(() => {
        const t = (window as unknown as { __benchRow: { start?: number; end?: number; failed?: string } }).__benchRow;
        if (t.failed) throw new Error(`the transfer ended: ${t.failed}`);
        return t.start !== undefined && t.end !== undefined ? t.end - t.start : undefined;
      }),
    { timeoutMs: RUN_TIMEOUT_MS, what: `${name} (${bytes} bytes) to arrive and verify`, intervalMs: 50 },
  );
  // Free both sides before the next run: the receiver's Blobs, the sender's row.
  await offer.getByRole('button', { name: `Dismiss ${name}` }).click();
  await transferRow(ann.page, 'outgoing', name).getByRole('button', { name: `Dismiss ${name}` }).click({ timeout: SETUP_TIMEOUT_MS });
  return ms;
}

/** A second peer connection between the two pages, signaled from here, with one pre-negotiated channel. */
async function openRawPair(ann: Page, bob: Page): Promise<void> {
  const setup = () => {
    const w = window as unknown as { __raw: { pc: RTCPeerConnection; dc: RTCDataChannel; candidates: RTCIceCandidateInit[] } };
    const pc = new RTCPeerConnection();
    const dc = pc.createDataChannel('bench-raw', { negotiated: true, id: 0, ordered: true });
    dc.binaryType = 'arraybuffer';
    const candidates: RTCIceCandidateInit[] = [];
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) candidates.push(candidate.toJSON());
    };
    w.__raw = { pc, dc, candidates };
  };
  await ann.evaluate(setup);
  await bob.evaluate(setup);
  type W = { __raw: { pc: RTCPeerConnection; dc: RTCDataChannel; candidates: RTCIceCandidateInit[] } };
  const offer = await ann.evaluate(async () => {
    const { pc } = (window as unknown as W).__raw;
    await pc.setLocalDescription();
    return pc.localDescription!.toJSON();
  });
  const answer = await bob.evaluate(async (offer) => {
    const { pc } = (window as unknown as W).__raw;
    await pc.setRemoteDescription(offer);
    await pc.setLocalDescription();
    return pc.localDescription!.toJSON();
  }, offer);
  await ann.evaluate(async (answer) => (window as unknown as W).__raw.pc.setRemoteDescription(answer), answer);
  // Trickle until the channel opens.
  const sentFrom = { ann: 0, bob: 0 };
  await pollUntil(
    async () => {
      for (const [from, to, key] of [[ann, bob, 'ann'], [bob, ann, 'bob']] as const) {
        const fresh = await from.evaluate((n) => (window as unknown as W).__raw.candidates.slice(n), sentFrom[key]);
        sentFrom[key] += fresh.length;
        for (const c of fresh) await to.evaluate((c) => (window as unknown as W).__raw.pc.addIceCandidate(c), c);
      }
      const open = await ann.evaluate(() => (window as unknown as W).__raw.dc.readyState === 'open');
      return open ? true : undefined;
    },
    { timeoutMs: SETUP_TIMEOUT_MS, what: 'the raw data channel to open' },
  );
}

async function rawRun(ann: Page, bob: Page, bytes: number): Promise<number> {
  type W = { __raw: { dc: RTCDataChannel; go?: Promise<void> } };
  // The sender listens for "go" before the receiver can say it.
  await ann.evaluate(() => {
    const raw = (window as unknown as W).__raw;
    raw.go = new Promise<void>((resolve) => {
      const onGo = (event: MessageEvent) => {
        if (event.data !== 'go') return;
        raw.dc.removeEventListener('message', onGo);
        resolve();
      };
      raw.dc.addEventListener('message', onGo);
    });
  });
  const sending = ann.evaluate(
    async ({ total, chunk, high, low }) => {
      const { dc, go } = (window as unknown as W).__raw;
      dc.bufferedAmountLowThreshold = low;
      const frame = new Uint8Array(chunk);
      await go;
      let sent = 0;
      while (sent < total) {
        if (dc.bufferedAmount > high) await new Promise((resolve) => dc.addEventListener('bufferedamountlow', resolve, { once: true }));
        const n = Math.min(chunk, total - sent);
        dc.send(n === chunk ? frame : frame.subarray(0, n));
        sent += n;
      }
    },
    { total: bytes, chunk: FILE_CHUNK_SIZE, high: FILE_HIGH_WATER_MARK, low: FILE_LOW_WATER_MARK },
  );
  const receiving = bob.evaluate(
    (total) =>
      new Promise<number>((resolve) => {
        const { dc } = (window as unknown as W).__raw;
        let got = 0;
        let start = 0;
        dc.onmessage = (event: MessageEvent) => {
          got += (event.data as ArrayBuffer).byteLength;
          if (got >= total) {
            dc.onmessage = null;
            resolve(performance.now() - start);
          }
        };
        start = performance.now();
        dc.send('go');
      }),
    bytes,
  );
  const [, ms] = await Promise.all([sending, receiving]);
  return ms;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const options = parseOptions();
  const server = await startServer();
  const scratch = await mkdtemp(join(tmpdir(), 'confab-bench-dc-'));
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const room = uniqueRoom('bench-dc');
    const ann = await enter(browser, server.url, room, 'ann');
    const bob = await enter(browser, server.url, room, 'bob');
    for (const person of [ann, bob]) {
      await pollUntil(async () => ((await remoteTiles(person.page).count()) === 1 ? true : undefined), {
        timeoutMs: SETUP_TIMEOUT_MS,
        what: `${person.name} to see the other`,
      });
    }
    const source = join(scratch, 'source.bin');
    await writeRandomFile(source, options.bytes);
    await openRawPair(ann.page, bob.page);

    console.log(
      `file transfer, ${options.bytes / MB} MiB per run, ${options.runs} runs per kind (interleaved), ` +
        `${FILE_CHUNK_SIZE / 1024} KiB frames, Chromium ${browser.version()}`,
    );
    const runs: Run[] = [];
    // One unmeasured warm-up of each (JIT, SCTP congestion window), then the measured runs.
    for (let run = 0; run <= options.runs; run++) {
      for (const kind of ['sdk', 'raw'] as const) {
        let ms: number;
        if (kind === 'sdk') {
          const name = `run-${run}.bin`;
          const path = join(scratch, name);
          await link(source, path);
          ms = await sdkRun(ann, bob, path, name, options.bytes);
          await rm(path);
        } else {
          ms = await rawRun(ann.page, bob.page, options.bytes);
        }
        const mbps = options.bytes / MB / (ms / 1000);
        console.log(`${kind}  ${run === 0 ? 'warm-up' : `run ${run}  `}  ${ms.toFixed(0).padStart(6)} ms  ${mbps.toFixed(1).padStart(6)} MiB/s`);
        if (run > 0) runs.push({ kind, run, bytes: options.bytes, ms: round(ms), mbps: round(mbps, 2) });
        await new Promise((r) => setTimeout(r, PAUSE_BETWEEN_RUNS_MS));
      }
    }

    const summaries = Object.fromEntries(
      (['sdk', 'raw'] as const).map((kind) => [kind, summarize(runs.filter((r) => r.kind === kind).map((r) => r.mbps))]),
    ) as Record<Kind, Summary>;
    const ratio = summaries.sdk.median / summaries.raw.median;
    console.log('');
    for (const kind of ['sdk', 'raw'] as const) {
      const s = summaries[kind];
      console.log(`${kind}  median ${s.median.toFixed(1)} MiB/s  (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, n=${s.n})`);
    }
    console.log(`sdk / raw = ${ratio.toFixed(2)}  (goal ≥ 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);

    const report = {
      benchmark: 'datachannel-file-throughput',
      date: new Date().toISOString(),
      bytesPerRun: options.bytes,
      runsPerKind: options.runs,
      frameBytes: FILE_CHUNK_SIZE,
      highWaterMark: FILE_HIGH_WATER_MARK,
      lowWaterMark: FILE_LOW_WATER_MARK,
      figure: 'MiB/s at the receiver: sdk from Accept to "Integrity verified"; raw from "go" to the last byte',
      summaries: Object.fromEntries(Object.entries(summaries).map(([k, s]) => [k, { ...s, median: round(s.median, 2), mean: round(s.mean, 2) }])),
      ratio: round(ratio, 3),
      goal: 0.8,
      runs,
      machine: machineInfo(),
      environment: {
        node: process.version,
        chromium: browser.version(),
        chromiumPath: CHROMIUM_PATH,
        cpus: availableParallelism(),
        loadavg: loadavg(),
        platform: process.platform,
      },
    };
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${options.out}`);
    await updateReportFor(options.out);
  } finally {
    await browser?.close();
    await server.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
