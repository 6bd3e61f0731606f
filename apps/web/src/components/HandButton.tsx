import { useT } from '../i18n/i18n-context.js';

/** The toolbar's raise/lower hand toggle. */
export function HandButton({ raised, onToggle }: { raised: boolean; onToggle: () => void }) {
  const t = useT();
  const label = raised ? t('reactions.lowerHand') : t('reactions.raiseHand');
  return (
    <button type="button" className={raised ? 'pill hand-toggle raised' : 'pill hand-toggle'} aria-pressed={raised} aria-label={t('reactions.raiseHand')} title={label} onClick={onToggle}>
      <span aria-hidden="true">✋</span>
      <span aria-hidden="true">{label}</span>
    </button>
  );
}
