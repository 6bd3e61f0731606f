import type { AudioEnergy } from './stats-read.js';

/**
 * The loudness of the audio between two stats readings, as its RMS (0 silence … 1 full scale),
 * from `totalAudioEnergy` (the sum of squared samples × their duration) and `totalSamplesDuration`.
 *
 * Integrated counters rather than the instantaneous `audioLevel`: a sampled level misses short
 * sounds between two polls, while the energy counts every sample. It needs no AudioContext, so it
 * works before the page has had a user gesture. `undefined` when no audio elapsed.
 */
export function levelBetween(before: AudioEnergy | undefined, after: AudioEnergy): number | undefined {
  if (!before) return undefined;
  const duration = after.duration - before.duration;
  const energy = after.energy - before.energy;
  if (!(duration > 0) || energy < 0) return undefined;
  return Math.min(1, Math.sqrt(energy / duration));
}
