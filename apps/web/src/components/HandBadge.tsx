import { useT } from '../i18n/i18n-context.js';

/** A raised hand on a tile, with its place in line. */
export function HandBadge({ position }: { position: number }) {
  const t = useT();
  return (
    <span className="hand-badge" data-testid="hand-badge" data-position={position} role="img" aria-label={t('reactions.handRaised', { position })}>
      <span aria-hidden="true">✋</span>
      <span aria-hidden="true" className="hand-position">
        {position}
      </span>
    </span>
  );
}
