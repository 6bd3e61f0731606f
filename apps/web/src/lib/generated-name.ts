/** Words for room names like "quick-otter-42": short, friendly, easy to say aloud. */
const ADJECTIVES = [
  'amber', 'brave', 'bright', 'calm', 'clever', 'cosy', 'crisp', 'daring', 'eager', 'fair',
  'gentle', 'glad', 'golden', 'happy', 'jolly', 'keen', 'kind', 'lively', 'lucky', 'merry',
  'mellow', 'nimble', 'proud', 'quick', 'quiet', 'rapid', 'shiny', 'silver', 'sunny', 'swift',
  'tidy', 'witty',
] as const;

const ANIMALS = [
  'badger', 'bison', 'crane', 'dolphin', 'eagle', 'falcon', 'ferret', 'finch', 'fox', 'gecko',
  'heron', 'ibis', 'koala', 'lemur', 'lynx', 'marten', 'moose', 'newt', 'otter', 'owl',
  'panda', 'puffin', 'quokka', 'raven', 'robin', 'seal', 'sparrow', 'stoat', 'tiger', 'walrus',
  'wombat', 'yak',
] as const;

/** Two-digit suffix range, so a name never reads as "otter-7" next to "otter-07". */
const NUMBER_MIN = 10;
const NUMBER_MAX = 99;

/** A source of uniform integers in [0, n). The default draws from `crypto.getRandomValues`. */
export type RandomInt = (n: number) => number;

export const cryptoRandomInt: RandomInt = (n) => {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  return value % n;
};

function pick<T>(list: readonly T[], randomInt: RandomInt): T {
  const item = list[randomInt(list.length)];
  if (item === undefined) throw new RangeError('randomInt returned an index outside the list');
  return item;
}

/** A fresh room name such as "quick-otter-42": always a valid room name. */
export function generateRoomName(randomInt: RandomInt = cryptoRandomInt): string {
  const number = NUMBER_MIN + randomInt(NUMBER_MAX - NUMBER_MIN + 1);
  return `${pick(ADJECTIVES, randomInt)}-${pick(ANIMALS, randomInt)}-${number}`;
}
