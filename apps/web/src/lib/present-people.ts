import { text, type Text } from '../i18n/text.js';

/**
 * What the lobby says of who is in the room before you join (from the prepared join's room, kept
 * up to date as people come and go): the first two names, then how many more.
 */
export function presentPeople(names: readonly string[]): Text {
  const [first, second] = names;
  if (first === undefined) return text('lobby.presentNone');
  if (second === undefined) return text('lobby.presentOne', { a: first });
  if (names.length === 2) return text('lobby.presentTwo', { a: first, b: second });
  return text('lobby.presentMany', { a: first, b: second, count: names.length - 2 });
}
