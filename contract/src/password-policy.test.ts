import { describe, expect, it } from 'vitest';
import { passwordProblems, passwordRules } from './password-policy';

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

describe('passwordRules', () => {
  it('lists every rule before anything is typed, none met yet', () => {
    expect(passwordRules('', 'alice')).toEqual([
      { rule: 'At least 10 characters', met: false },
      { rule: 'At least 5 different characters', met: false },
      { rule: 'At most 256 characters', met: false },
      { rule: 'Does not include the username', met: false },
    ]);
  });
  it('marks each rule as the password meets it', () => {
    expect(passwordRules('alice-was-here', 'alice').map((r) => r.met)).toEqual([true, true, true, false]);
    expect(passwordRules('abcde', 'bob').map((r) => r.met)).toEqual([false, true, true, true]);
    expect(passwordRules('orbit-lantern-97', 'ada').every((r) => r.met)).toBe(true);
  });
});
