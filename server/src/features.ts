import { enabledFeatures, isFeatureEnabled, type Edition, type FeatureName } from '@archnest/contract';

/** The server's view of the edition switch; the web app reads the same table through /api/features. */
export interface Features {
  readonly edition: Edition;
  isEnabled(feature: FeatureName): boolean;
  all(): Record<FeatureName, boolean>;
}

export function createFeatures(edition: Edition): Features {
  return {
    edition,
    isEnabled: (feature) => isFeatureEnabled(edition, feature),
    all: () => enabledFeatures(edition),
  };
}
