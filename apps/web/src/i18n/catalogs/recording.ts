import { defineCatalog } from '../catalog.js';

/** Recording the call in the browser. */
export const recording = defineCatalog(
  {
    'recording.start': 'Record',
    'recording.startLabel': 'Record the call',
    'recording.stop': 'Stop',
    'recording.stopLabel': 'Stop recording and save the file',
    'recording.someone': '{name} is recording',
    'recording.you': 'You are recording',
    'recording.several': '{names} are recording',
    'recording.saved': 'Recording saved as {file}',
    'recording.unsupported': 'This browser cannot record the call.',
    'recording.failed': 'The recording could not start.',
    'recording.leaveWarning': 'You are recording. Leaving stops the recording.',
  },
  {
    'recording.start': '녹화',
    'recording.startLabel': '녹화 시작',
    'recording.stop': '중지',
    'recording.stopLabel': '녹화를 멈추고 파일 저장',
    'recording.someone': '{name} 님이 녹화 중입니다',
    'recording.you': '녹화 중입니다',
    'recording.several': '{names} 님이 녹화 중입니다',
    'recording.saved': '녹화를 {file}(으)로 저장했습니다',
    'recording.unsupported': '이 브라우저에서는 통화를 녹화할 수 없습니다.',
    'recording.failed': '녹화를 시작할 수 없습니다.',
    'recording.leaveWarning': '녹화 중입니다. 나가면 녹화가 멈춥니다.',
  },
);
