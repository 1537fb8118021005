import { describe, expect, it } from 'vitest';
import { checkContainerRef } from '../../src/docker/container-ref';
import { DockerInputError } from '../../src/docker/docker-errors';
import { checkAction, checkExecOptions, checkTail } from '../../src/docker/source-input';

describe('container references', () => {
  it.each(['web', 'a', 'my_app.1-blue', '9f3c2d', 'x'.repeat(128), 'A0'])('accepts %s', (ref) => {
    expect(checkContainerRef(ref)).toBe(ref);
  });

  it.each([
    ['', 'required'],
    ['-rf', 'cannot start with "-"'],
    ['--help', 'cannot start with "-"'],
    ['.hidden', 'starting with a letter or digit'],
    ['_x', 'starting with a letter or digit'],
    ['a b', 'not a container name'],
    ['web;id', 'not a container name'],
    ['$(id)', 'not a container name'],
    ['a\nb', 'not a container name'],
    ['a\0b', 'not a container name'],
    ['x'.repeat(129), 'not a container name'],
    ['/web', 'not a container name'],
    ['wéb', 'not a container name'],
  ])('refuses %j', (ref, says) => {
    expect(() => checkContainerRef(ref)).toThrow(DockerInputError);
    expect(() => checkContainerRef(ref)).toThrow(says);
  });

  it('shows a refused reference escaped and short, on one line', () => {
    const error = (() => {
      try {
        checkContainerRef(`a\n${'b'.repeat(200)}`);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('\n');
    expect(error?.message).toContain('a\\nbbb');
    expect(error?.message.length).toBeLessThan(200);
  });

  it('refuses non-strings at run time', () => {
    expect(() => checkContainerRef(42)).toThrow('A container name or id is required.');
    expect(() => checkContainerRef(undefined)).toThrow(DockerInputError);
  });
});

describe('other inputs', () => {
  it('log tails are whole numbers up to 10 000, or "all"', () => {
    expect(checkTail(undefined)).toBe(200);
    expect(checkTail(0)).toBe(0);
    expect(checkTail('all')).toBe('all');
    for (const bad of [-1, 1.5, 10_001, '5', '5; id', NaN, Infinity, null])
      expect(() => checkTail(bad)).toThrow(DockerInputError);
  });

  it('actions and shells come from fixed lists; sizes are bounded', () => {
    expect(checkAction('pause')).toBe('pause');
    expect(() => checkAction('kill')).toThrow('Unknown container action "kill"');
    expect(() => checkAction('start; id')).toThrow(DockerInputError);
    expect(checkExecOptions({ cols: 80, rows: 24 })).toEqual({ cols: 80, rows: 24, shell: 'sh' });
    expect(() => checkExecOptions({ cols: 80, rows: 24, shell: 'zsh -c id' as never })).toThrow(
      DockerInputError,
    );
    expect(() => checkExecOptions({ cols: 0, rows: 24 })).toThrow('width');
    expect(() => checkExecOptions({ cols: 80, rows: 1e6 })).toThrow('height');
  });
});
