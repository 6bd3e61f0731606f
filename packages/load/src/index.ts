export { SignalLedger, MAX_PAIRS_SHOWN, type PairTally, type ReceiveOutcome, type SignalVerdict } from './accounting.js';
export { ErrorTally } from './error-tally.js';
export { LatencyRecorder, percentile, type Percentiles } from './latency.js';
export { DEFAULTS, parseOptions, UsageError, USAGE, type LoadOptions } from './options.js';
export { HANDSHAKE_TIMEOUT_MS, LoadPeer, StepFailed } from './peer.js';
export { buildReport, renderText, type LoadReport } from './report.js';
export { Scenario, type ScenarioResult, type ScenarioStatus } from './scenario.js';
export { iceCandidate, readSignalId, sessionDescription, newIceIdentity, type SignalKind } from './signal-payload.js';
export { EXIT_CLEAN, EXIT_NOT_CLEAN, EXIT_USAGE, runLoad, type RunLoadIo, type RunLoadOutcome } from './run.js';
