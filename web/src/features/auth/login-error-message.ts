import { ApiError, describeError } from '../../api/api-error';

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return describeError(error);
  switch (error.code) {
    case 'invalid_credentials':
      return 'Wrong username or password';
    case 'account_disabled':
      return 'This account is deactivated. Ask an administrator to reactivate it.';
    case 'rate_limited':
      return error.retryAfterSeconds !== undefined
        ? `Too many sign-in attempts. Try again in ${waitText(error.retryAfterSeconds)}.`
        : 'Too many sign-in attempts. Wait a moment and try again.';
    case 'invalid_two_factor_code':
    case 'pending_login_expired':
      return error.message;
    case 'invalid_request':
      return error.issues?.[0]?.message ?? 'Enter a username and a password.';
    case 'setup_required':
      return 'ArchNest has no admin yet. Reload to run the first-time setup.';
    default:
      return describeError(error);
  }
}
