import { endpoints, type EndpointDef } from '@archnest/contract';
import { AppError } from '../../http/app-error';
import type { AuthContext } from '../auth-context';
import type { TwoFactorService } from './two-factor.service';

/** What a session may reach while the instance requires two-factor of its user and it is not on yet. */
const enrolmentRoutes: readonly EndpointDef[] = [
  endpoints.me,
  endpoints.logout,
  endpoints.twoFactorStatus,
  endpoints.twoFactorStartEnrolment,
  endpoints.twoFactorConfirmEnrolment,
];
const allowed = new Set(enrolmentRoutes.map((e) => `${e.method} ${e.path}`));

export type EnrolmentGate = (auth: AuthContext, method: string, url: string) => Promise<AppError | null>;

/** Enforced by the guard on every `user` and `admin` route, WebSocket upgrades included. */
export function createEnrolmentGate(twoFactor: TwoFactorService): EnrolmentGate {
  return async (auth, method, url) => {
    if (allowed.has(`${method === 'HEAD' ? 'GET' : method} ${url}`)) return null;
    if (!(await twoFactor.enrolmentRequired(auth.user))) return null;
    return new AppError(
      403,
      'two_factor_enrolment_required',
      'Turn on two-factor sign-in first: this instance requires it for your account.',
    );
  };
}
