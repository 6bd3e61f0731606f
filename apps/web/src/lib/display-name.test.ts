import type { Text } from '../i18n/text.js';
import { translator } from '../i18n/translate.js';
import { describe, expect, it } from 'vitest';
import { displayNameProblem, loadName, NAME_STORAGE_KEY, saveName, type NameStorage } from './display-name.js';

const english = (t: Text | null) => (t ? translator('en')(t.key, t.params) : null);

function memoryStorage(): NameStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('displayNameProblem', () => {
  it('accepts an ordinary name', () => {
    expect(displayNameProblem('Ann')).toBeNull();
    expect(displayNameProblem('  Zoë Ødegård ')).toBeNull();
  });

  it('asks for a name when it is blank', () => {
    expect(english(displayNameProblem('   '))).toMatch(/Enter your name/);
  });

  it('rejects names over 32 characters after trimming', () => {
    expect(displayNameProblem(` ${'a'.repeat(32)} `)).toBeNull();
    expect(english(displayNameProblem('a'.repeat(33)))).toMatch(/32 characters/);
  });

  it('rejects control and bidi characters', () => {
    expect(displayNameProblem('an\u0007n')).not.toBeNull();
    expect(displayNameProblem('ann\u202Eevil')).not.toBeNull();
  });
});

describe('name memory', () => {
  it('saves the trimmed name and loads it back', () => {
    const storage = memoryStorage();
    saveName('  Ann ', storage);
    expect(storage.data.get(NAME_STORAGE_KEY)).toBe('Ann');
    expect(loadName(storage)).toBe('Ann');
  });

  it('loads an empty name when nothing was saved or storage is missing', () => {
    expect(loadName(memoryStorage())).toBe('');
    expect(loadName(undefined)).toBe('');
  });

  it('survives storage that throws', () => {
    const broken: NameStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadName(broken)).toBe('');
    expect(() => saveName('Ann', broken)).not.toThrow();
  });
});
