// Screen sharing and device choice (docs/media.md).
export {
  canShareScreen,
  SCREEN_MAX_BITRATE_BPS,
  SCREEN_MAX_FRAMERATE,
  type ScreenContentHint,
  type ScreenShareOptions,
} from './screen-share.js';
export {
  canChooseSpeaker,
  DEVICE_KINDS,
  EMPTY_DEVICES,
  groupDevices,
  listDevices,
  onDeviceChange,
  pickDevice,
  trackDeviceId,
  type DeviceInfo,
  type DeviceKind,
  type DeviceList,
  type InputKind,
} from './devices.js';
export {
  DeviceSwitcher,
  type DeviceSwitcherEvents,
  type DeviceSwitcherOptions,
  type SwitchReason,
  type TrackTarget,
} from './device-switcher.js';
export { swapStreamTrack } from './local-tracks.js';
