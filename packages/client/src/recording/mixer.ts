import { fitInside, stageLayout, type Rect } from './layout.js';
import { startTicker } from './ticker.js';

/** The recording's picture: 1280×720 at 25 frames a second, unless told otherwise. */
export const MIX_WIDTH = 1280;
export const MIX_HEIGHT = 720;
export const MIX_FPS = 25;

const BACKGROUND = '#111418';
const TILE_BACKGROUND = '#23272f';
const TEXT = '#ffffff';
const LABEL_BACKGROUND = 'rgba(0, 0, 0, 0.55)';

/** One tile of the recording: a person's stream (or a shared screen) and the name drawn under it. */
export interface MixerSource {
  /** Unique among people and screens alike. */
  id: string;
  name: string;
  stream: MediaStream | null;
  /** Whether they say their camera is on; off (or a disabled track) draws their initial instead of the black video. */
  video: boolean;
}

/** A tile drawn in the last frame. */
export interface MixerTile {
  id: string;
  name: string;
  screen: boolean;
}

export interface MixerOptions {
  width?: number;
  height?: number;
  fps?: number;
}

interface Input {
  source: MixerSource;
  video: HTMLVideoElement;
  /** The video and audio track ids this input was built for: a change rebuilds it. */
  trackKey: string;
  screen: boolean;
  audio: MediaStreamAudioSourceNode | undefined;
}

/**
 * Mixes a call into one stream for MediaRecorder: every source's video drawn on a canvas
 * (names under the tiles; a grid, or a shared screen large over a strip: stageLayout) captured
 * at `fps`, and every person's audio summed by Web Audio
 * into a MediaStreamAudioDestinationNode. `setSources()` follows joins, leaves and new tracks.
 * Each video is read through its own muted, inline `<video>` kept off the page.
 */
export class CallMixer {
  readonly stream: MediaStream;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly audio: AudioContext;
  private readonly destination: MediaStreamAudioDestinationNode;
  private readonly inputs = new Map<string, Input>();
  private people: string[] = [];
  private screens: string[] = [];
  private readonly stopTicker: () => void;
  private closed = false;
  private frames = 0;
  private lastTiles: readonly MixerTile[] = [];

  /** Throws where there is no canvas capture or Web Audio. Call it from a click, so audio may start. */
  constructor(options: MixerOptions = {}) {
    const width = options.width ?? MIX_WIDTH;
    const height = options.height ?? MIX_HEIGHT;
    const fps = options.fps ?? MIX_FPS;
    this.canvas = document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || typeof this.canvas.captureStream !== 'function') throw new Error('no canvas capture');
    this.ctx = ctx;
    this.audio = new AudioContext();
    void this.audio.resume().catch(() => {});
    this.destination = this.audio.createMediaStreamDestination();
    this.draw();
    this.stream = new MediaStream([...this.canvas.captureStream(fps).getVideoTracks(), ...this.destination.stream.getAudioTracks()]);
    // Not requestAnimationFrame, which stops in a background tab: the page timer, and the audio
    // clock of the mix itself, which a background tab does not throttle (ticker.ts).
    this.stopTicker = startTicker(1000 / fps, () => this.draw(), { audio: { context: this.audio, sink: this.destination } });
  }

  /** Frames drawn on the canvas so far. */
  get framesDrawn(): number {
    return this.frames;
  }

  /** The tiles of the last frame drawn, screens first (the first one large), then the people. */
  get tiles(): readonly MixerTile[] {
    return this.lastTiles;
  }

  /**
   * The people to show, in order, and the shared screens, the one to show large first. Inputs of
   * people and screens gone are let go of; new tracks are picked up. Screens add no sound.
   */
  setSources(people: readonly MixerSource[], screens: readonly MixerSource[] = []): void {
    if (this.closed) return;
    const all = [...screens.map((source) => ({ source, screen: true })), ...people.map((source) => ({ source, screen: false }))];
    const wanted = new Set(all.map(({ source }) => source.id));
    for (const id of [...this.inputs.keys()]) if (!wanted.has(id)) this.remove(id);
    for (const { source, screen } of all) {
      const existing = this.inputs.get(source.id);
      const key = trackKey(source.stream);
      if (existing && existing.trackKey === key && existing.screen === screen) {
        existing.source = source;
        continue;
      }
      if (existing) this.remove(source.id);
      this.inputs.set(source.id, this.input(source, key, screen));
    }
    this.screens = screens.map((s) => s.id);
    this.people = people.map((s) => s.id);
  }

  /** Stops drawing and mixing and lets go of every input. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopTicker();
    for (const id of [...this.inputs.keys()]) this.remove(id);
    for (const track of this.stream.getTracks()) track.stop();
    void this.audio.close().catch(() => {});
  }

  private input(source: MixerSource, key: string, screen: boolean): Input {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    video.setAttribute('playsinline', '');
    video.setAttribute('muted', '');
    const videoTracks = source.stream?.getVideoTracks() ?? [];
    if (videoTracks.length > 0) {
      video.srcObject = new MediaStream(videoTracks);
      void video.play().catch(() => {});
    }
    let audio: MediaStreamAudioSourceNode | undefined;
    const audioTracks = screen ? [] : (source.stream?.getAudioTracks().filter((t) => t.readyState === 'live') ?? []);
    if (audioTracks.length > 0) {
      try {
        audio = this.audio.createMediaStreamSource(new MediaStream(audioTracks));
        audio.connect(this.destination);
      } catch (err) {
        console.warn(`[confab] the recording cannot mix the sound of ${source.name}:`, err);
      }
    }
    return { source, video, trackKey: key, screen, audio };
  }

  private remove(id: string): void {
    const input = this.inputs.get(id);
    if (!input) return;
    this.inputs.delete(id);
    input.audio?.disconnect();
    input.video.pause();
    input.video.srcObject = null;
  }

  private draw(): void {
    const { ctx, canvas } = this;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const present = (ids: readonly string[]) => ids.map((id) => this.inputs.get(id)).filter((input) => input !== undefined);
    const screens = present(this.screens);
    const people = present(this.people);
    const cells = stageLayout(screens.length, people.length, canvas.width, canvas.height);
    const placed: [Input, Rect | undefined][] = [
      ...screens.map((input, i): [Input, Rect | undefined] => [input, cells.screens[i]]),
      ...people.map((input, i): [Input, Rect | undefined] => [input, cells.people[i]]),
    ];
    for (const [input, cell] of placed) if (cell) this.drawTile(input, cell);
    this.frames++;
    this.lastTiles = placed.map(([{ source, screen }]) => ({ id: source.id, name: source.name, screen }));
  }

  private drawTile({ source, video, screen }: Input, cell: Rect): void {
    const { ctx } = this;
    ctx.fillStyle = TILE_BACKGROUND;
    ctx.fillRect(cell.x, cell.y, cell.width, cell.height);
    const fontSize = Math.max(12, Math.round(cell.height / 16));
    if (source.video && hasEnabledVideo(source.stream) && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      const fit = fitInside(video.videoWidth, video.videoHeight, cell);
      ctx.drawImage(video, fit.x, fit.y, fit.width, fit.height);
    } else if (!screen) {
      ctx.fillStyle = TEXT;
      ctx.font = `${fontSize * 3}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(initialOf(source.name), cell.x + cell.width / 2, cell.y + cell.height / 2);
    }
    ctx.font = `${fontSize}px sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const padding = Math.round(fontSize / 2);
    const labelWidth = Math.min(cell.width, ctx.measureText(source.name).width + padding * 2);
    const labelHeight = fontSize + padding;
    ctx.fillStyle = LABEL_BACKGROUND;
    ctx.fillRect(cell.x, cell.y + cell.height - labelHeight, labelWidth, labelHeight);
    ctx.fillStyle = TEXT;
    ctx.fillText(source.name, cell.x + padding, cell.y + cell.height - labelHeight / 2, cell.width - padding * 2);
  }
}

function hasEnabledVideo(stream: MediaStream | null): boolean {
  return (stream?.getVideoTracks() ?? []).some((t) => t.enabled && t.readyState === 'live');
}

function trackKey(stream: MediaStream | null): string {
  return (stream?.getTracks() ?? [])
    .filter((t) => t.readyState === 'live')
    .map((t) => t.id)
    .sort()
    .join(',');
}

function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
