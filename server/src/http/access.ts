import type { Access, FeatureName } from '@archnest/contract';
import type { AuthContext } from '../auth/auth-context';
import type { Features } from '../features';
import { AppError, forbidden, unauthorized } from './app-error';

export interface AccessRule {
  access: Access;
  feature?: FeatureName | undefined;
}

/** The single decision of who may call a route; returns the refusal, or null to let the call through. */
export function accessRefusal(
  rule: AccessRule,
  auth: AuthContext | null,
  features: Features,
): AppError | null {
  if ((rule.access === 'user' || rule.access === 'admin') && !auth) return unauthorized();
  if (rule.access === 'admin' && auth?.user.role !== 'admin')
    return forbidden('This needs an administrator.');
  if (rule.feature && !features.isEnabled(rule.feature)) {
    return new AppError(
      403,
      'feature_unavailable',
      `This needs the ${rule.feature} feature, which the ${features.edition} edition does not include.`,
    );
  }
  return null;
}
