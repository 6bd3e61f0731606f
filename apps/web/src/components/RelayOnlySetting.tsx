import { useId } from 'react';
import '../network.css';

export interface RelayOnlySettingProps {
  checked: boolean;
  /** False when the server has no TURN relay: relay only would connect nobody. */
  available: boolean;
  onChange: (checked: boolean) => void;
}

/** The lobby's "Hide my IP address (relay only)" checkbox. */
export function RelayOnlySetting({ checked, available, onChange }: RelayOnlySettingProps) {
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
        Hide my IP address (relay only)
        <small id={hintId}>
          {available
            ? 'Your audio and video go through the server\'s relay, so the others never see your address. It can add a little delay.'
            : 'This server has no relay (TURN), so this is not available.'}
        </small>
      </span>
    </label>
  );
}
