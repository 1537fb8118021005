import { ApiError, describeError } from '../api/api-error';

export function hostErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return describeError(error);
  switch (error.code) {
    case 'host_in_use':
      return (
        error.message || 'Another host uses this one as a jump host. Remove it from their jump chain first.'
      );
    case 'host_not_found':
      return 'That host does not exist, or you do not have access to it.';
    case 'credentials_required':
      return 'This host needs your own login. Save it under “My credential for this host”.';
    case 'credential_mode_mismatch':
      return 'This host signs in with the credential an admin stored, not with your own.';
    case 'credential_in_use':
      return 'Hosts still use this credential. Point them at another one first.';
    case 'invalid_jump_chain':
      return error.message || 'The jump chain is not valid (a loop, or a host that does not exist).';
    case 'invalid_secret':
      return error.message || 'One of the secrets could not be read.';
    case 'challenge_expired':
      return 'That fingerprint prompt expired. Test the connection again.';
    case 'host_key_changed':
      return 'The host key changed. Only an admin can replace a trusted key.';
    case 'forbidden':
      return 'Only an admin can do that.';
    case 'not_found':
      return 'That item no longer exists.';
    default:
      return describeError(error);
  }
}

const stepText: Record<string, string> = {
  dns: 'The address could not be resolved (DNS).',
  tcp: 'Nothing answered on that address and port.',
  host_key: 'The host key is not confirmed yet, or has changed.',
  auth: 'The server refused the username or credentials.',
  timeout: 'The connection timed out.',
  protocol: 'The SSH handshake failed (try legacy algorithms for old devices).',
  exec: 'Signed in, but running a command failed.',
};

/** Connection steps in plain words; unknown steps still read as words. */
export function describeStep(step: string | null): string | null {
  if (!step) return null;
  return stepText[step] ?? step.replaceAll('_', ' ');
}
