import type { TestConnectionResult } from '@archnest/contract';
import { describeStep } from '../../lib/host-error-message';

export type VerdictTone = 'success' | 'neutral' | 'danger';

export interface ConnectionVerdict {
  tone: VerdictTone;
  title: string;
}

/**
 * How a connection test reads: a host key seen for the first time is not a failure but a question
 * for the user (neutral); only a changed key, or any other failed step, is shown as an error.
 */
export function connectionVerdict(result: TestConnectionResult): ConnectionVerdict {
  if (result.ok) return { tone: 'success', title: 'Connection works' };
  if (isFirstContact(result)) return { tone: 'neutral', title: 'New host: confirm its fingerprint' };
  if (result.hostKeyChallenge?.reason === 'changed') {
    return { tone: 'danger', title: 'The host key has changed' };
  }
  return { tone: 'danger', title: describeStep(result.failedStep) ?? 'Connection failed' };
}

export function isFirstContact(result: TestConnectionResult): boolean {
  return result.failedStep === 'host_key' && result.hostKeyChallenge?.reason === 'unknown';
}
