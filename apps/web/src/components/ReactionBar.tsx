import { REACTION_EMOJI, type ReactionEmoji } from '@confab/client';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';

/** Each reaction's accessible name. */
const REACTION_NAMES: Readonly<Record<ReactionEmoji, MessageKey>> = {
  '👍': 'reactions.thumbsUp',
  '👏': 'reactions.clap',
  '😂': 'reactions.laugh',
  '❤️': 'reactions.heart',
  '🎉': 'reactions.party',
  '😮': 'reactions.surprised',
};

/** The toolbar's Reactions button and the row of emoji it opens; the row stays open for more. */
export function ReactionBar({ onReact }: { onReact: (emoji: ReactionEmoji) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="reaction-bar" ref={root}>
      <button type="button" className="pill" aria-expanded={open} aria-controls="reaction-menu" onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">🙂</span>
        <span>{t('reactions.open')}</span>
      </button>
      {open && (
        <div className="reaction-menu" id="reaction-menu" role="group" aria-label={t('reactions.menu')}>
          {REACTION_EMOJI.map((emoji) => (
            <button key={emoji} type="button" className="reaction-choice" aria-label={t(REACTION_NAMES[emoji])} title={t(REACTION_NAMES[emoji])} onClick={() => onReact(emoji)}>
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
