import type { Text } from '../i18n/text.js';
import { translator } from '../i18n/translate.js';
import { describe, expect, it } from 'vitest';
import { describeMediaError, insecureContextError } from './media-errors.js';

const english = (t: Text | null) => (t ? translator('en')(t.key, t.params) : null);

describe('describeMediaError', () => {
  it('says the camera was blocked when permission is denied', () => {
    const problem = describeMediaError(new DOMException('Permission denied', 'NotAllowedError'));
    expect(problem.kind).toBe('denied');
    expect(english(problem.message)).toMatch(/blocked the camera/);
  });

  it('says no camera was found when none exists', () => {
    expect(describeMediaError(new DOMException('', 'NotFoundError')).kind).toBe('missing');
    expect(describeMediaError(new DOMException('', 'OverconstrainedError')).kind).toBe('missing');
  });

  it('says the device is busy when it cannot be read', () => {
    expect(describeMediaError(new DOMException('', 'NotReadableError')).kind).toBe('busy');
  });

  it('explains plain-http pages', () => {
    expect(describeMediaError(insecureContextError()).kind).toBe('insecure');
  });

  it('falls back to a general sentence for anything else', () => {
    expect(describeMediaError(new Error('boom')).kind).toBe('unknown');
    expect(describeMediaError('nope').kind).toBe('unknown');
    expect(english(describeMediaError(null).message)).toMatch(/join without them/);
  });
});
