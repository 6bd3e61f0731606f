import { describe, expect, it } from 'vitest';
import { interpolate } from './catalog.js';
import { chooseLocale } from './locale.js';

describe('chooseLocale', () => {
  it('follows a stored manual choice over the browser', () => {
    expect(chooseLocale('ko', ['en-US'])).toBe('ko');
  });
  it('takes the first browser language the app speaks, by its base tag', () => {
    expect(chooseLocale(null, ['fr-FR', 'ko-KR', 'en'])).toBe('ko');
  });
  it('ignores a stored value that is not a language the app speaks', () => {
    expect(chooseLocale('xx', ['ko'])).toBe('ko');
  });
  it('falls back to English', () => {
    expect(chooseLocale(null, ['fr', 'de'])).toBe('en');
  });
});

describe('interpolate', () => {
  it('fills named placeholders', () => {
    expect(interpolate('{name} joined {room}', { name: 'Ann', room: 'x' })).toBe('Ann joined x');
  });
  it('leaves a placeholder without a value visible', () => {
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });
});
