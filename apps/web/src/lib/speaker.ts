import { canChooseSpeaker } from '@confab/client';
import { loadDevicePreferences } from './device-preferences.js';
import { Observable } from './observable.js';

/** An element that can play through a chosen speaker (HTMLMediaElement where supported). */
interface SinkElement {
  setSinkId?: (sinkId: string) => Promise<void>;
  sinkId?: string;
}

/**
 * The speaker remote sound plays through: '' is the system default. Only where the browser
 * supports `HTMLMediaElement.setSinkId`; elsewhere it stays ''.
 */
class SpeakerChoice extends Observable<string> {
  choose(deviceId: string): void {
    this.set(deviceId);
  }
}

export const speaker = new SpeakerChoice(canChooseSpeaker() ? (loadDevicePreferences().audiooutput ?? '') : '');

/** Points an element at the chosen speaker. A speaker that is gone falls back to the default. */
export async function applySpeaker(element: SinkElement, deviceId: string): Promise<void> {
  if (!element.setSinkId || element.sinkId === deviceId) return;
  try {
    await element.setSinkId(deviceId);
  } catch (err) {
    console.warn('[confab-web] could not play through the chosen speaker; using the default.', err);
    if (deviceId !== '') await element.setSinkId('').catch(() => {});
  }
}
