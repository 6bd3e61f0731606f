/** The device kinds a person can choose: camera, microphone and (where supported) speaker. */
export const DEVICE_KINDS = ['videoinput', 'audioinput', 'audiooutput'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
/** The kinds that produce a track. */
export type InputKind = Exclude<DeviceKind, 'audiooutput'>;

/** The parts of MediaDeviceInfo used here (fakes in tests need no more). */
export interface DeviceInfo {
  readonly deviceId: string;
  readonly groupId: string;
  readonly kind: MediaDeviceKind;
  readonly label: string;
}

export interface DeviceList {
  videoinput: DeviceInfo[];
  audioinput: DeviceInfo[];
  audiooutput: DeviceInfo[];
  /**
   * Whether the browser gave the names of the devices. Before camera or microphone permission
   * it gives neither names nor (in some browsers) ids: show "Camera 1" and ask again after capture.
   */
  labelsKnown: boolean;
}

export const EMPTY_DEVICES: DeviceList = { videoinput: [], audioinput: [], audiooutput: [], labelsKnown: false };

/** Sorts enumerateDevices() by kind; drops entries without an id (no permission yet) and Chromium's "communications" alias. */
export function groupDevices(infos: readonly DeviceInfo[]): DeviceList {
  const list: DeviceList = { videoinput: [], audioinput: [], audiooutput: [], labelsKnown: false };
  for (const info of infos) {
    if (!(DEVICE_KINDS as readonly string[]).includes(info.kind) || info.deviceId === '' || info.deviceId === 'communications') continue;
    list[info.kind as DeviceKind].push(info);
    if (info.label !== '') list.labelsKnown = true;
  }
  return list;
}

/** The devices there are now. Resolves to no devices where the browser cannot list them. */
export async function listDevices(mediaDevices: Pick<MediaDevices, 'enumerateDevices'> | undefined = defaultMediaDevices()): Promise<DeviceList> {
  if (!mediaDevices?.enumerateDevices) return EMPTY_DEVICES;
  return groupDevices(await mediaDevices.enumerateDevices());
}

/**
 * The device to use for `kind`: the preferred one if it is there, else the browser's default
 * (Chromium lists it first, as `default`), else the first. Undefined when there is none.
 */
export function pickDevice(list: DeviceList, kind: DeviceKind, preferred?: string, exclude?: string): DeviceInfo | undefined {
  const candidates = list[kind].filter((d) => d.deviceId !== exclude);
  return candidates.find((d) => d.deviceId === preferred) ?? candidates.find((d) => d.deviceId === 'default') ?? candidates[0];
}

/** The device a live track captures from, as the browser reports it. */
export function trackDeviceId(track: MediaStreamTrack | undefined): string | undefined {
  return track?.getSettings().deviceId;
}

/** Whether the browser lets a page choose the speaker (`HTMLMediaElement.setSinkId`; not Safari on iOS, not older Firefox). */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Calls `onChange` when a device is plugged in or out. Returns the unsubscribe function. */
export function onDeviceChange(onChange: () => void, mediaDevices: EventTarget | undefined = defaultMediaDevices()): () => void {
  if (!mediaDevices) return () => {};
  mediaDevices.addEventListener('devicechange', onChange);
  return () => mediaDevices.removeEventListener('devicechange', onChange);
}

function defaultMediaDevices(): MediaDevices | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
}
