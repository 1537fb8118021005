import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long varied password or passphrase', () => {
    expect(passwordProblems('correct horse battery', 'alice')).toEqual([]);
    expect(passwordProblems('Tr0ub4dor&3x', 'alice')).toEqual([]);
  });
  it('names every problem at once', () => {
    expect(passwordProblems('aaaa', 'bob')).toEqual([
      'Use at least 10 characters.',
      'Use at least 5 different characters.',
    ]);
    expect(passwordProblems('alice-is-great', 'Alice')).toEqual(['Do not include the username.']);
    expect(passwordProblems('x'.repeat(257) + 'abcde')).toContain('Use at most 256 characters.');
  });
  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('🔑🔒🗝️🛡️🔐', 'bob')).toContain('Use at least 10 characters.');
  });
});
