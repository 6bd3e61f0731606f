import { calls } from './catalogs/calls.js';
import { chat } from './catalogs/chat.js';
import { check } from './catalogs/check.js';
import { common } from './catalogs/common.js';
import { devices } from './catalogs/devices.js';
import { errors } from './catalogs/errors.js';
import { files } from './catalogs/files.js';
import { lobby } from './catalogs/lobby.js';
import { reactions } from './catalogs/reactions.js';
import { recording } from './catalogs/recording.js';
import { room } from './catalogs/room.js';
import { share } from './catalogs/share.js';
import { toolbar } from './catalogs/toolbar.js';
import { talk } from './catalogs/talk.js';
import { quality } from './catalogs/quality.js';
import type { Catalog } from './catalog.js';
import type { Locale } from './locale.js';

/**
 * Every area's catalogue. Each area of the app keeps its strings in its own file under
 * `catalogs/`, with keys prefixed by the area (`toolbar.leave`); add a new area here.
 */
const CATALOGS = [common, errors, lobby, room, toolbar, chat, files, calls, check, reactions, recording, share, devices, talk, quality] as const;

type KeyOf<C> = C extends Catalog<infer K> ? K : never;

/** Every string key the app uses. `t()` accepts only these. */
export type MessageKey = KeyOf<(typeof CATALOGS)[number]>;

function merge(locale: Locale): Readonly<Record<MessageKey, string>> {
  const merged: Record<string, string> = {};
  for (const catalog of CATALOGS) {
    for (const [key, text] of Object.entries(catalog[locale])) {
      if (key in merged) throw new Error(`The message key "${key}" is declared in two catalogues`);
      merged[key] = text;
    }
  }
  return merged as Record<MessageKey, string>;
}

/** All strings, by language and key. */
export const MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  en: merge('en'),
  ko: merge('ko'),
};
