import type { RaisedHand } from '@confab/client';
import { useT } from '../i18n/i18n-context.js';

/** The people with a hand up, in the order they raised it. */
export function HandQueue({ hands }: { hands: readonly RaisedHand[] }) {
  const t = useT();
  if (hands.length === 0) return null;
  return (
    <section className="hand-queue" aria-label={t('reactions.hands')} data-testid="hand-queue">
      <h2>
        <span aria-hidden="true">✋ </span>
        {t('reactions.handsCount', { count: hands.length })}
      </h2>
      <ol>
        {hands.map((hand) => (
          <li key={hand.peerId} data-peer-id={hand.peerId}>
            {hand.self ? t('reactions.you', { name: hand.name }) : hand.name}
          </li>
        ))}
      </ol>
    </section>
  );
}
