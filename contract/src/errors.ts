import { z } from 'zod';

/** Every error the API answers with has this shape; `issues` only on `invalid_request`. */
export const ApiErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
    .optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export const errorCodes = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'origin_forbidden',
  'payload_too_large',
  'setup_done',
  'setup_required',
  'invalid_credentials',
  'account_disabled',
  'rate_limited',
  'wrong_password',
  'weak_password',
  'username_taken',
  'seat_limit',
  'last_admin',
  'feature_unavailable',
  'host_in_use',
  'credential_in_use',
  'invalid_secret',
  'invalid_jump_chain',
  'host_key_changed',
  'challenge_expired',
  'session_limit',
  'docker_unavailable',
  'docker_conflict',
  'docker_failed',
  'agent_ingest_disabled',
  'agent_token_invalid',
  'agent_token_revoked',
  'agent_host_mismatch',
  'too_many_tests',
  'bad_url',
  'api_key_invalid',
  'api_key_revoked',
  'api_key_expired',
  'api_key_not_allowed',
  'key_read_only',
  'two_factor_enrolment_required',
  'invalid_two_factor_code',
  'pending_login_expired',
  'two_factor_already_enabled',
  'two_factor_not_enabled',
  'two_factor_not_started',
  'two_factor_required',
  'host_not_found',
  'credentials_required',
  'credential_mode_mismatch',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];
