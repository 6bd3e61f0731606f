// Who is talking, connection quality and the adaptive mesh (docs/media.md).
export {
  QUALITY_THRESHOLDS,
  classifyQuality,
  gradeFigures,
  type QualityFigures,
  type QualityLevel,
  type Threshold,
} from './quality.js';
export { SPEAKING_ON_LEVEL, SPEAKING_OFF_LEVEL, SPEAKING_RELEASE_MS } from './speaking-detector.js';
export { ACTIVE_SPEAKER_HOLD_MS, ACTIVE_SPEAKER_SWITCH_RATIO } from './active-speaker.js';
export { STATS_WINDOW_MS, type LinkStats, type StreamFigures } from './stats-sampler.js';
export type { CandidateInfo, CandidatePairInfo } from './stats-read.js';
export {
  SEND_TABLE,
  MAX_BACKOFF,
  MIN_SEND_KBPS,
  MIN_SEND_HEIGHT,
  sendEncoding,
  sendTarget,
  type SendEncoding,
  type SendTarget,
} from './send-policy.js';
export { BACKOFF_AFTER_MS, RECOVER_AFTER_MS } from './send-backoff.js';
export type { AppliedEncoding } from './send-encoding.js';
export type { TalkEvents } from './room-media.js';
