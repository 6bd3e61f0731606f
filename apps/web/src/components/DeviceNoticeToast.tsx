import type { DeviceNotice } from '../hooks/useDeviceSwitcher.js';
import { useT } from '../i18n/i18n-context.js';

/** Says what happened to a camera or microphone (unplugged, replaced, busy), until dismissed. */
export function DeviceNoticeToast({ notice, onDismiss }: { notice: DeviceNotice | null; onDismiss: () => void }) {
  const t = useT();
  if (!notice) return null;
  const camera = notice.kind === 'videoinput';
  const text =
    notice.what === 'switched'
      ? t(camera ? 'devices.cameraSwitched' : 'devices.microphoneSwitched', { device: notice.device.label || notice.device.deviceId })
      : notice.what === 'lost'
        ? t(camera ? 'devices.cameraLost' : 'devices.microphoneLost')
        : t('devices.failed');
  return (
    <div className="toast device-notice" role="alert" data-testid="device-notice">
      <span>{text}</span>
      <button type="button" className="link-button" onClick={onDismiss}>
        {t('common.close')}
      </button>
    </div>
  );
}
