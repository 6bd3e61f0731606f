import { describe, expect, it } from 'vitest';
import { groupDevices, pickDevice, type DeviceInfo } from './devices.js';

const device = (kind: MediaDeviceKind, deviceId: string, label = `${kind} ${deviceId}`): DeviceInfo => ({ kind, deviceId, label, groupId: 'g' });

describe('groupDevices', () => {
  it('sorts devices by kind and knows their names once permission was given', () => {
    const list = groupDevices([device('videoinput', 'cam1'), device('audioinput', 'default'), device('audiooutput', 'spk'), device('audioinput', 'communications')]);
    expect(list.videoinput.map((d) => d.deviceId)).toEqual(['cam1']);
    expect(list.audioinput.map((d) => d.deviceId)).toEqual(['default']);
    expect(list.audiooutput).toHaveLength(1);
    expect(list.labelsKnown).toBe(true);
  });

  it('before permission, says the names are unknown and drops entries without an id', () => {
    const list = groupDevices([device('videoinput', '', ''), device('audioinput', 'mic', '')]);
    expect(list.videoinput).toEqual([]);
    expect(list.labelsKnown).toBe(false);
  });
});

describe('pickDevice', () => {
  const list = groupDevices([device('videoinput', 'a'), device('videoinput', 'b'), device('audioinput', 'default'), device('audioinput', 'm2')]);

  it('prefers the remembered device, then the default, then the first', () => {
    expect(pickDevice(list, 'videoinput', 'b')?.deviceId).toBe('b');
    expect(pickDevice(list, 'videoinput', 'gone')?.deviceId).toBe('a');
    expect(pickDevice(list, 'audioinput', 'gone')?.deviceId).toBe('default');
  });

  it('never picks the device that went away, and finds none when nothing is left', () => {
    expect(pickDevice(list, 'videoinput', 'a', 'a')?.deviceId).toBe('b');
    expect(pickDevice(list, 'audiooutput')).toBeUndefined();
  });
});
