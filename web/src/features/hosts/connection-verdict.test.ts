import type { TestConnectionResult } from '@archnest/contract';
import { describe, expect, it } from 'vitest';
import { connectionVerdict } from './connection-verdict';

function result(over: Partial<TestConnectionResult>): TestConnectionResult {
  return {
    ok: false,
    hops: [],
    failedStep: null,
    message: '',
    hostKeyChallenge: null,
    durationMs: 12,
    ...over,
  };
}

const challenge = {
  challengeId: 'c1',
  hop: 0,
  hostName: 'web',
  address: '10.0.0.5',
  port: 22,
  algorithm: 'ssh-ed25519',
  fingerprint: 'SHA256:abc',
  expectedFingerprint: null,
};

describe('connectionVerdict', () => {
  it('reads a first-seen host key as a neutral question, not a failure', () => {
    const verdict = connectionVerdict(
      result({ failedStep: 'host_key', hostKeyChallenge: { ...challenge, reason: 'unknown' } }),
    );
    expect(verdict).toEqual({ tone: 'neutral', title: 'New host: confirm its fingerprint' });
  });
  it('reads a changed host key as danger', () => {
    const verdict = connectionVerdict(
      result({
        failedStep: 'host_key',
        hostKeyChallenge: { ...challenge, reason: 'changed', expectedFingerprint: 'SHA256:old' },
      }),
    );
    expect(verdict).toEqual({ tone: 'danger', title: 'The host key has changed' });
  });
  it('keeps success and other failures as they are', () => {
    expect(connectionVerdict(result({ ok: true })).tone).toBe('success');
    expect(connectionVerdict(result({ failedStep: 'auth' }))).toEqual({
      tone: 'danger',
      title: 'The server refused the username or credentials.',
    });
  });
});
