import { fixed, int, table, times } from '../markdown.js';
import { num, str, type Json } from '../read.js';
import type { Section } from './section.js';

/** bench:join-floor: what the media start after a click costs at best on this machine. */

export const joinFloorSection: Section = {
  name: 'join-floor',
  title: 'Join: the floor of a media start',
  command: 'npm run bench:join-floor',
  about:
    'Two peer connections in one Chromium page on loopback, no app and no server, the receiving `<video>` already playing: ' +
    'from putting the fake 1280×720 camera on a sender (`replaceTrack`, sent at 360 lines) to the first frame of its picture ' +
    'presented on the other side. `cold`: the sender had no track before; `warm`: it had been sending a blank picture ' +
    'and started at the app’s 800 kbit/s estimate (what a prepared connection does); `warm-default`: the same at Chromium’s ' +
    'own start estimate (300 kbit/s). What a join’s click costs at best before signaling and rendering: see ' +
    '[join-latency.md](join-latency.md). Runs interleave.',
  render(result: Json) {
    // Results from before the start bitrate have no `warm-default`.
    const variants = ['cold', 'warm', 'warm-default'].filter((variant) => num(result, 'summaries', variant, 'n') !== undefined);
    const row = (variant: string) => [
      variant,
      int(num(result, 'summaries', variant, 'n')),
      fixed(num(result, 'summaries', variant, 'median')),
      fixed(num(result, 'summaries', variant, 'p90')),
      fixed(num(result, 'summaries', variant, 'min')),
    ];
    const markdown = [
      `Chromium ${str(result, 'chromium') ?? '?'}.`,
      '',
      table(['sender', 'runs', 'median ms', 'p90 ms', 'min ms'], variants.map(row)),
      '',
      `warm ÷ cold = ${times(num(result, 'ratio'))}.`,
    ].join('\n');
    return { markdown, charts: [] };
  },
};
