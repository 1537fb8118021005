import type { SsoErrorCode } from '@archnest/contract';

/** What the login page says for each `?sso_error=` code the callback sends back. */
const messages: Record<SsoErrorCode, string> = {
  not_configured: 'Single sign-on is not set up. Sign in with your username and password.',
  provider_error: 'The identity provider could not be reached or answered with an error. Try again later.',
  state_missing: 'The sign-in could not be matched to this browser. Start again with the sign-in button.',
  state_mismatch: 'The sign-in answer did not match the request. Start again with the sign-in button.',
  expired: 'That sign-in expired or was already used. Start again with the sign-in button.',
  nonce_mismatch: 'The identity provider’s answer did not match the request. Start again.',
  token_failed: 'The identity provider’s answer could not be verified. Try again or ask an administrator.',
  no_subject: 'The identity provider did not say who you are. Ask an administrator.',
  group_not_allowed: 'Your account at the identity provider is not in a group allowed to use ArchNest.',
  seat_limit: 'ArchNest has no free seat for a new account. Ask an administrator to free one.',
  account_disabled: 'Your ArchNest account is deactivated. Ask an administrator to reactivate it.',
  no_account: 'There is no ArchNest account for you yet. Ask an administrator to create one.',
  username_unusable:
    'The identity provider gave no username ArchNest can use. Ask an administrator to create your account.',
  access_denied: 'Sign-in was cancelled at the identity provider.',
};

export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return code in messages
    ? messages[code as SsoErrorCode]
    : 'Single sign-on did not complete. Start again with the sign-in button.';
}
