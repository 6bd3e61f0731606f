import type { Recorder } from '@confab/client';
import { useT } from '../i18n/i18n-context.js';

/** "<name> is recording", for everyone in the room, while anyone records. */
export function RecordingIndicator({ recorders }: { recorders: readonly Recorder[] }) {
  const t = useT();
  if (recorders.length === 0) return null;
  const others = recorders.filter((r) => !r.self);
  const text =
    others.length === 0
      ? t('recording.you')
      : recorders.length === 1
        ? t('recording.someone', { name: others[0]!.name })
        : t('recording.several', { names: recorders.map((r) => (r.self ? t('reactions.you', { name: r.name }) : r.name)).join(', ') });
  return (
    <p className="recording-indicator" role="status" data-testid="recording-indicator" data-recorders={recorders.map((r) => r.name).join(',')}>
      <span className="record-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
