import type { QualityLevel } from '@confab/client';
import '../talk.css';
import { useT } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';

export const QUALITY_LABEL: Record<QualityLevel, MessageKey> = {
  good: 'quality.good',
  fair: 'quality.fair',
  poor: 'quality.poor',
  unknown: 'quality.unknown',
};

/** Bars lit per grade, out of three. */
const BARS: Record<QualityLevel, number> = { good: 3, fair: 2, poor: 1, unknown: 0 };

/** The connection-quality bars on someone's tile; a button that opens the details. */
export function QualityIndicator({ quality, name, onOpen }: { quality: QualityLevel; name: string; onOpen: () => void }) {
  const t = useT();
  const label = t('quality.showDetails', { quality: t(QUALITY_LABEL[quality]), name });
  return (
    <button
      type="button"
      className="quality-indicator"
      data-testid="quality-indicator"
      data-quality={quality}
      aria-label={label}
      title={label}
      aria-haspopup="dialog"
      onClick={onOpen}
    >
      <svg viewBox="0 0 15 12" width="15" height="12" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <rect key={i} x={i * 5} y={8 - i * 4} width="3.5" height={4 + i * 4} rx="1" className={i < BARS[quality] ? 'lit' : ''} />
        ))}
      </svg>
    </button>
  );
}
