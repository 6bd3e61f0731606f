import '../share.css';
import { canChooseSpeaker, type DeviceInfo, type DeviceKind } from '@confab/client';
import { useId } from 'react';
import type { DeviceControl } from '../hooks/useDeviceSwitcher.js';
import { useSpeakerChoice } from '../hooks/useSpeaker.js';
import { useT } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';
import { saveDevicePreference } from '../lib/device-preferences.js';
import { speaker } from '../lib/speaker.js';

const LABELS: Record<DeviceKind, { label: MessageKey; unnamed: MessageKey }> = {
  videoinput: { label: 'devices.camera', unnamed: 'devices.unnamedCamera' },
  audioinput: { label: 'devices.microphone', unnamed: 'devices.unnamedMicrophone' },
  audiooutput: { label: 'devices.speaker', unnamed: 'devices.unnamedSpeaker' },
};

/**
 * The camera, microphone and (where the browser can) speaker choices. A kind with no device,
 * or a camera/microphone not captured at all, shows no picker.
 */
export function DevicePickers({ control }: { control: DeviceControl }) {
  const t = useT();
  const sinkId = useSpeakerChoice();
  const { devices, current, use } = control;
  const nameOf = (device: DeviceInfo, index: number, kind: DeviceKind) => device.label || t(LABELS[kind].unnamed, { n: index + 1 });
  return (
    <div className="device-pickers">
      {(['videoinput', 'audioinput'] as const).map((kind) =>
        current[kind] !== undefined && devices[kind].length > 0 ? (
          <DeviceSelect
            key={kind}
            kind={kind}
            label={t(LABELS[kind].label)}
            value={current[kind] ?? ''}
            options={devices[kind].map((d, i) => ({ value: d.deviceId, text: nameOf(d, i, kind) }))}
            onChange={(id) => use(kind, id)}
          />
        ) : null,
      )}
      {canChooseSpeaker() && devices.audiooutput.length > 0 && (
        <DeviceSelect
          kind="audiooutput"
          label={t('devices.speaker')}
          value={sinkId}
          options={[
            { value: '', text: t('devices.systemDefault') },
            ...devices.audiooutput.filter((d) => d.deviceId !== 'default').map((d, i) => ({ value: d.deviceId, text: nameOf(d, i, 'audiooutput') })),
          ]}
          onChange={(id) => {
            speaker.choose(id);
            saveDevicePreference('audiooutput', id);
          }}
        />
      )}
      {!devices.labelsKnown && devices.videoinput.length + devices.audioinput.length > 0 && <p className="hint">{t('devices.namesHidden')}</p>}
    </div>
  );
}

interface DeviceSelectProps {
  kind: DeviceKind;
  label: string;
  value: string;
  options: { value: string; text: string }[];
  onChange: (deviceId: string) => void;
}

function DeviceSelect({ kind, label, value, options, onChange }: DeviceSelectProps) {
  const id = useId();
  return (
    <div className="field device-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={`device-${kind}`} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}
