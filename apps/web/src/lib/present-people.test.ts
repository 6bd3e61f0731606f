import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.js';
import { presentPeople } from './present-people.js';

const say = (names: string[], locale: 'en' | 'ko' = 'en') => {
  const phrase = presentPeople(names);
  return translator(locale)(phrase.key, phrase.params);
};

describe('presentPeople', () => {
  it('says nobody is there yet, one name, two names, or two and how many more', () => {
    expect(say([])).toBe('No one else is here yet.');
    expect(say(['Ann'])).toBe('Ann is here.');
    expect(say(['Ann', 'Bob'])).toBe('Ann and Bob are here.');
    expect(say(['Ann', 'Bob', 'Cy'])).toBe('Ann, Bob and 1 more are here.');
    expect(say(['Ann', 'Bob', 'Cy', 'Dan'])).toBe('Ann, Bob and 2 more are here.');
  });

  it('has its Korean', () => {
    expect(say(['Ann', 'Bob', 'Cy'], 'ko')).toBe('Ann 님, Bob 님 외 1명이 있습니다.');
  });
});
