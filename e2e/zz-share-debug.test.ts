import { test } from 'vitest';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { joinButton, openLobby, selfTile, UI_TIMEOUT_MS, uniqueRoom } from './harness/ui.js';
import { sleep } from './harness/wait.js';

const browser = useBrowser();
const { stage } = useServerAndStage(browser);
test('debug', async () => {
  const room = uniqueRoom('dbg');
  const ann = await stage.person('ann');
  await openLobby(ann.page, stage.url, room, 'ann', '?debug=1');
  const select = ann.page.getByTestId('device-videoinput');
  await select.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const values = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await select.selectOption(values[1]!);
  await sleep(1500);
  const pre = await ann.page.evaluate(async () => {
    const v = document.querySelector('[data-testid="local-preview"]') as HTMLVideoElement;
    const a = v.getVideoPlaybackQuality().totalVideoFrames; await new Promise(r => setTimeout(r, 1000));
    const s = v.srcObject as MediaStream;
    return { frames: v.getVideoPlaybackQuality().totalVideoFrames - a, tracks: s.getTracks().map(t => `${t.kind}:${t.readyState}:${t.muted}:${t.enabled}:${t.getSettings().deviceId?.slice(0,6)}:${t.getSettings().height}`) };
  });
  console.log('PREVIEW', JSON.stringify(pre));
  await joinButton(ann.page).click({ timeout: UI_TIMEOUT_MS });
  await selfTile(ann.page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const bob = await stage.enter('bob', room);
  await sleep(4000);
  const info = await ann.page.evaluate(async () => {
    const room = (globalThis as any).__confab.room;
    const out: any = { streamSame: null };
    for (const s of room.sessions.values()) {
      const pc = s.pc as RTCPeerConnection;
      out.senders = pc.getSenders().map(x => `${x.track?.kind}:${x.track?.readyState}:${x.track?.enabled}:${x.track?.getSettings().deviceId?.slice(0,6)}:${JSON.stringify(x.getParameters().encodings)}`);
      const stats: string[] = [];
      (await pc.getStats()).forEach((r: any) => { if (r.type === 'outbound-rtp') stats.push(`${r.kind}:${r.framesSent}:${r.bytesSent}:${r.qualityLimitationReason}`); if (r.type === 'media-source') stats.push(`src:${r.kind}:${r.frames}`); });
      out.stats = stats;
    }
    out.local = room.localStream.getTracks().map((t: MediaStreamTrack) => `${t.kind}:${t.readyState}:${t.getSettings().deviceId?.slice(0,6)}`);
    return out;
  });
  console.log('ANN', JSON.stringify(info));
  console.log(ann.consoleLines().join('\n'));
  void bob;
}, 120_000);
