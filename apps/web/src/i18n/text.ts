import type { MessageKey } from './messages.js';

/** Values for a string's `{placeholder}`s. */
export type Params = Readonly<Record<string, string | number>>;

/**
 * A string to show, not yet in any language: what framework-free code (`lib/`) returns instead of
 * English, for a component to translate with `t(text.key, text.params)`.
 */
export interface Text {
  readonly key: MessageKey;
  readonly params?: Params;
}

export function text(key: MessageKey, params?: Params): Text {
  return params ? { key, params } : { key };
}
