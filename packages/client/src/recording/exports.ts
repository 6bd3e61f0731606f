/** The public API of recording a call; re-exported by the package index. */
export { RecordingState, RECORDING_CHANNEL, type Recorder, type RecordingStateEvents } from './recording-state.js';
export { RoomRecording, type RecordOptions, type RoomRecordingEvents } from './room-recording.js';
export { MIX_FPS, MIX_HEIGHT, MIX_WIDTH, type MixerOptions, type MixerTile } from './mixer.js';
export { RECORDING_MIME_TYPES, pickMimeType, recordingFileName } from './format.js';
export { RECORDING_TIMESLICE_MS } from './recorder.js';
