/**
 * `npm run bench:join-floor`: the floor under the join benchmark's figure on this machine. Two
 * peer connections in one page, connected over loopback, no app, no signaling server, the
 * receiving `<video>` already playing: the time from putting the camera on a sender
 * (`replaceTrack`) to the first frame of the camera's picture presented on the other side
 * (requestVideoFrameCallback, blank frames skipped). That is what the click on Join can cost at
 * best when no picture may leave before it (docs/join-latency.md), before any signaling, React
 * render or page load is added. Variants, interleaved:
 *
 *   cold           the sender had no track before (the prepared join before its warm encoder)
 *   warm           the sender had been sending a blank picture of the camera's size, generated as
 *                  the app does (placeholder-video.ts), and started its congestion controller at
 *                  the app's start bitrate (start-bitrate.ts)
 *   warm-default   the same with Chromium's own start bitrate (300 kbit/s)
 *
 * All send at 360 lines (`scaleResolutionDownBy` 2 of a 1280×720 fake camera), like a prepared
 * connection's first frames.
 *
 * Usage: npm run bench:join-floor -- [--runs N] [--out FILE]
 *   --out FILE  default bench/results/join-floor.json, which also rewrites docs/benchmarks.md
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withStartBitrate } from '../packages/client/src/start-bitrate.js';
import { launchBrowser } from '../e2e/harness/browser.js';
import { REPO_ROOT } from '../e2e/harness/server.js';
import { machineInfo } from './report/machine.js';
import { updateReportFor } from './report/index.js';
import { summarize, type Summary } from './stats.js';

const DEFAULT_RUNS = 9;
const DEFAULT_OUT = resolve(REPO_ROOT, 'bench/results/join-floor.json');
const VARIANTS = ['cold', 'warm', 'warm-default'] as const;
type Variant = (typeof VARIANTS)[number];
/** How long the connection runs before the camera goes on: the time a person spends in the lobby, shortened. */
const LOBBY_MS = 1_500;

/** What bench/results/join-floor.json holds. */
export interface JoinFloorReport {
  name: 'join-floor';
  measuredAt: string;
  machine: ReturnType<typeof machineInfo>;
  chromium: string;
  samples: Record<Variant, FloorSample[]>;
  summaries: Record<Variant, Summary>;
  /** warm ÷ cold of the medians. */
  ratio: number;
  loadavg1: number;
}

interface FloorSample {
  /** replaceTrack(camera) → first picture frame presented. */
  ms: number;
  /** The congestion controller's estimate when the camera went on (bit/s), if it had one. */
  bitrate: number | null;
}

/** Runs in the page: one measure. Self-contained (serialized). */
async function measureInPage({ variant, lobbyMs }: { variant: Variant; lobbyMs: number }): Promise<FloorSample> {
  const warm = variant !== 'cold';
  const BLANK_MAX_LEVEL = 24;
  const FPS = 15;
  const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
  const cameraTrack = camera.getVideoTracks()[0]!;
  const { width = 1280, height = 720 } = cameraTrack.getSettings();
  const sending = new RTCPeerConnection();
  const receiving = new RTCPeerConnection();
  sending.onicecandidate = (e) => void (e.candidate && receiving.addIceCandidate(e.candidate));
  receiving.onicecandidate = (e) => void (e.candidate && sending.addIceCandidate(e.candidate));
  const transceiver = sending.addTransceiver('video', { direction: 'sendonly', sendEncodings: [{ scaleResolutionDownBy: height / 360 }] });
  // The blank picture as the app makes it (packages/client/src/media/placeholder-video.ts): black
  // I420 frames sharing one buffer, written to a track generator 15 times a second.
  type Generator = MediaStreamTrack & { writable: WritableStream<VideoFrame> };
  const TrackGenerator = (window as unknown as { MediaStreamTrackGenerator: new (init: { kind: 'video' }) => Generator }).MediaStreamTrackGenerator;
  const blank = new TrackGenerator({ kind: 'video' });
  const writer = blank.writable.getWriter();
  const yuv = new Uint8Array(width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2));
  yuv.fill(16, 0, width * height);
  yuv.fill(128, width * height);
  const black = new VideoFrame(yuv, { format: 'I420', codedWidth: width, codedHeight: height, timestamp: 0 });
  const paint = (): void => void writer.write(new VideoFrame(black, { timestamp: Math.round(performance.now() * 1000) })).catch(() => {});
  if (warm) paint();
  const painter = warm ? setInterval(paint, 1000 / FPS) : undefined;
  if (warm) await transceiver.sender.replaceTrack(blank);
  const remote = new Promise<MediaStreamTrack>((resolve) => (receiving.ontrack = (e) => resolve(e.track)));
  await sending.setLocalDescription();
  await receiving.setRemoteDescription(sending.localDescription!);
  await receiving.setLocalDescription();
  // The app's start bitrate goes on the description the sender applies (start-bitrate.ts, exposed
  // from Node by main()).
  const { sdp: answer = '' } = receiving.localDescription!;
  const withStartBitrate = (window as unknown as { confabWithStartBitrate: (sdp: string) => Promise<string> }).confabWithStartBitrate;
  await sending.setRemoteDescription({ type: 'answer', sdp: variant === 'warm-default' ? answer : await withStartBitrate(answer) });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  document.body.append(video);
  video.srcObject = new MediaStream([await remote]);
  void video.play().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, lobbyMs));
  let bitrate: number | null = null;
  (await sending.getStats()).forEach((s: { type: string; nominated?: boolean; availableOutgoingBitrate?: number }) => {
    if (s.type === 'candidate-pair' && s.nominated && typeof s.availableOutgoingBitrate === 'number') bitrate = s.availableOutgoingBitrate;
  });
  const sample = document.createElement('canvas');
  sample.width = 16;
  sample.height = 9;
  const sampler = sample.getContext('2d', { willReadFrequently: true })!;
  const isBlank = (): boolean => {
    sampler.drawImage(video, 0, 0, 16, 9);
    const pixels = sampler.getImageData(0, 0, 16, 9).data;
    for (let i = 0; i < pixels.length; i += 4) if (Math.max(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) > BLANK_MAX_LEVEL) return false;
    return true;
  };
  const start = performance.now();
  void transceiver.sender.replaceTrack(cameraTrack);
  const presented = await new Promise<number>((resolve) => {
    const onFrame = (now: number): void => {
      if (isBlank()) video.requestVideoFrameCallback(onFrame);
      else resolve(now);
    };
    video.requestVideoFrameCallback(onFrame);
  });
  clearInterval(painter);
  sending.close();
  receiving.close();
  video.remove();
  for (const track of [...camera.getTracks(), blank]) track.stop();
  black.close();
  return { ms: presented - start, bitrate };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: String(DEFAULT_RUNS) }, out: { type: 'string', default: DEFAULT_OUT } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const out = resolve(values.out);
  // getUserMedia wants a secure context: a blank page from loopback is one.
  const server = createServer((_req, res) => res.end('<!doctype html><title>join floor</title>'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // The in-page function is serialized from tsx's output, which names functions through a
    // `__name` helper that the page does not have.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.exposeFunction('confabWithStartBitrate', (sdp: string) => withStartBitrate(sdp));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const samples: Record<Variant, FloorSample[]> = { cold: [], warm: [], 'warm-default': [] };
    for (let i = 0; i < runs; i++) {
      for (const variant of VARIANTS) {
        const sample = await page.evaluate(measureInPage, { variant, lobbyMs: LOBBY_MS });
        samples[variant].push(sample);
        const kbps = sample.bitrate === null ? '—' : `${Math.round(sample.bitrate / 1000)} kbit/s`;
        console.log(`${variant} run ${i + 1}: ${sample.ms.toFixed(0)} ms (estimate at the switch ${kbps}), load ${loadavg()[0]!.toFixed(2)}`);
      }
    }
    const summaries = Object.fromEntries(VARIANTS.map((variant) => [variant, summarize(samples[variant].map((s) => s.ms))])) as Record<Variant, Summary>;
    for (const variant of VARIANTS) {
      console.log(`${variant}: median ${summaries[variant].median.toFixed(0)} ms, p90 ${summaries[variant].p90.toFixed(0)} ms, n=${summaries[variant].n}`);
    }
    const report: JoinFloorReport = {
      name: 'join-floor',
      measuredAt: new Date().toISOString(),
      machine: machineInfo(),
      chromium: browser.version(),
      samples,
      summaries,
      ratio: summaries.warm.median / summaries.cold.median,
      loadavg1: loadavg()[0]!,
    };
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${out}`);
    await updateReportFor(out);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
