import type { Room, TrackTarget } from '@confab/client';
import { useId, useMemo, useState } from 'react';
import { useDeviceSwitcher } from '../hooks/useDeviceSwitcher.js';
import { useT } from '../i18n/i18n-context.js';
import { DeviceNoticeToast } from './DeviceNoticeToast.js';
import { DevicePickers } from './DevicePickers.js';
import { SettingsIcon } from './share-icons.js';

/**
 * The call's device menu: a toolbar button opening the camera, microphone and speaker choices.
 * It also watches for unplugged devices for the whole call, and says what it switched to.
 */
export function DeviceSettings({ room }: { room: Room }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const target = useMemo<TrackTarget | null>(
    () => (room.localStream ? { stream: room.localStream, replace: (track) => room.replaceLocalTrack(track) } : null),
    [room],
  );
  const control = useDeviceSwitcher(target);
  return (
    <div className="device-settings">
      <button
        type="button"
        className="round"
        aria-label={t('devices.settings')}
        title={t('devices.settings')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        <SettingsIcon />
      </button>
      {open && (
        <div id={panelId} className="device-panel" role="group" aria-label={t('devices.settings')}>
          <DevicePickers control={control} />
          <button type="button" className="pill" onClick={() => setOpen(false)}>
            {t('common.close')}
          </button>
        </div>
      )}
      <DeviceNoticeToast notice={control.notice} onDismiss={control.dismiss} />
    </div>
  );
}
