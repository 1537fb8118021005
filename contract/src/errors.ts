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
  'invalid_channel_url',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];
