import { defineCatalog } from '../catalog.js';

/** Choosing the camera, microphone and speaker, in the lobby and in the call. */
export const devices = defineCatalog(
  {
    'devices.settings': 'Audio and video settings',
    'devices.camera': 'Camera',
    'devices.microphone': 'Microphone',
    'devices.speaker': 'Speaker',
    'devices.systemDefault': 'System default',
    'devices.unnamedCamera': 'Camera {n}',
    'devices.unnamedMicrophone': 'Microphone {n}',
    'devices.unnamedSpeaker': 'Speaker {n}',
    'devices.namesHidden': 'Device names appear once you allow the camera and microphone.',
    'devices.cameraSwitched': 'Your camera was disconnected. Now using {device}.',
    'devices.microphoneSwitched': 'Your microphone was disconnected. Now using {device}.',
    'devices.cameraLost': 'Your camera was disconnected, and there is no other camera.',
    'devices.microphoneLost': 'Your microphone was disconnected, and there is no other microphone.',
    'devices.failed': 'Could not open that device. It may be in use by another app.',
  },
  {
    'devices.settings': '오디오 및 비디오 설정',
    'devices.camera': '카메라',
    'devices.microphone': '마이크',
    'devices.speaker': '스피커',
    'devices.systemDefault': '시스템 기본값',
    'devices.unnamedCamera': '카메라 {n}',
    'devices.unnamedMicrophone': '마이크 {n}',
    'devices.unnamedSpeaker': '스피커 {n}',
    'devices.namesHidden': '카메라와 마이크 사용을 허용하면 장치 이름이 표시됩니다.',
    'devices.cameraSwitched': '카메라 연결이 끊어졌습니다. 이제 {device}을(를) 사용합니다.',
    'devices.microphoneSwitched': '마이크 연결이 끊어졌습니다. 이제 {device}을(를) 사용합니다.',
    'devices.cameraLost': '카메라 연결이 끊어졌고, 사용할 수 있는 다른 카메라가 없습니다.',
    'devices.microphoneLost': '마이크 연결이 끊어졌고, 사용할 수 있는 다른 마이크가 없습니다.',
    'devices.failed': '그 장치를 열 수 없습니다. 다른 앱에서 사용 중일 수 있습니다.',
  },
);
