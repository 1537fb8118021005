import { SEAT_LIMIT } from '@archnest/contract';
import { ApiError, describeError } from '../../api/api-error';

export function userErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return describeError(error);
  switch (error.code) {
    case 'seat_limit':
      return `All ${SEAT_LIMIT} seats are in use. Deactivate or delete a user first.`;
    case 'last_admin':
      return 'The last active admin cannot be demoted, deactivated or deleted';
    case 'username_taken':
      return 'That username is already taken.';
    case 'not_found':
      return 'That user no longer exists.';
    default:
      return describeError(error);
  }
}
