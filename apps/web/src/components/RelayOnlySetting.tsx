import { useId } from 'react';
import '../network.css';
import { useT } from '../i18n/i18n-context.js';

export interface RelayOnlySettingProps {
  checked: boolean;
  /** False when the server has no TURN relay: relay only would connect nobody. */
  available: boolean;
  onChange: (checked: boolean) => void;
}

/** The lobby's "Hide my IP address (relay only)" checkbox. */
export function RelayOnlySetting({ checked, available, onChange }: RelayOnlySettingProps) {
  const t = useT();
  const hintId = useId();
  return (
    <label className="setting">
      <input
        type="checkbox"
        checked={checked && available}
        disabled={!available}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hintId}
      />
      <span>
        {t('lobby.relayOnly')}
        <small id={hintId}>{available ? t('lobby.relayOnlyHint') : t('lobby.relayUnavailable')}</small>
      </span>
    </label>
  );
}
