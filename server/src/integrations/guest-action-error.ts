/**
 * The hypervisor refused an action before any task started (already running, not running, a missing
 * privilege, a bad parameter). `message` is the hypervisor's own words; `privilege` names what the API
 * token lacks when that was the reason.
 */
export class GuestActionError extends Error {
  constructor(
    readonly reason: 'refused' | 'privilege_missing' | 'invalid',
    message: string,
    readonly privilege: { path: string; privilege: string } | null = null,
  ) {
    super(message);
  }
}
