import type { Reaction } from '@confab/client';
import { useT } from '../i18n/i18n-context.js';

/** The reactions floating up a tile now, each for a few seconds. */
export function ReactionFloat({ reactions }: { reactions: readonly Reaction[] }) {
  const t = useT();
  if (reactions.length === 0) return null;
  return (
    <div className="reaction-float" aria-live="polite">
      {reactions.map((reaction) => (
        <span key={reaction.id} className="reaction" data-testid="reaction" data-emoji={reaction.emoji} role="img" aria-label={t('reactions.reacted', { name: reaction.fromName, emoji: reaction.emoji })}>
          {reaction.emoji}
        </span>
      ))}
    </div>
  );
}
