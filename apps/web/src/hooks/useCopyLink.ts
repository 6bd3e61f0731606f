import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.js';

/** How long "Link copied" stays on screen. */
export const COPIED_VISIBLE_MS = 2500;

export type CopyResult = 'idle' | 'copied' | 'failed';

/** Copies a link and says so for a moment. */
export function useCopyLink(link: string): { copy: () => void; result: CopyResult } {
  const [result, setResult] = useState<CopyResult>('idle');

  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), COPIED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [result]);

  const copy = () => {
    void copyText(link).then((ok) => setResult(ok ? 'copied' : 'failed'));
  };
  return { copy, result };
}
