import type { AlertScope } from '@archnest/contract';
import type { AlertSubject } from './alert-subject';

/** The container label that keeps a container out of every rule. */
export const OPT_OUT_LABEL = 'archnest.alert';

const globCache = new Map<string, RegExp>();

/** `*` any run, `?` one character, everything else literal; case-insensitive, whole string. */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'i');
    if (globCache.size > 1000) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

export function optedOut(subject: AlertSubject): boolean {
  return subject.labels[OPT_OUT_LABEL]?.toLowerCase() === 'false';
}

/** A rule's scope as one function, built once per rule rather than per subject. */
export function scopeMatcher(scope: AlertScope): (subject: AlertSubject) => boolean {
  switch (scope.type) {
    case 'all':
      return () => true;
    case 'host': {
      const re = globToRegExp(scope.host);
      return (s) => re.test(s.host);
    }
    case 'name': {
      const re = globToRegExp(scope.pattern);
      return (s) => re.test(s.name);
    }
    case 'label':
      return (s) => inScope(scope, s);
  }
}

export function inScope(scope: AlertScope, subject: AlertSubject): boolean {
  switch (scope.type) {
    case 'all':
      return true;
    case 'host':
      return globToRegExp(scope.host).test(subject.host);
    case 'name':
      return globToRegExp(scope.pattern).test(subject.name);
    case 'label': {
      const eq = scope.label.indexOf('=');
      if (eq < 0) return Object.hasOwn(subject.labels, scope.label);
      const value = subject.labels[scope.label.slice(0, eq)];
      return value !== undefined && value === scope.label.slice(eq + 1);
    }
  }
}
