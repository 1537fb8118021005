import { z } from 'zod';

export const editions = ['community', 'pro'] as const;
export const Edition = z.enum(editions);
export type Edition = z.infer<typeof Edition>;

/**
 * Which edition unlocks what. Server guards and web controls both read this table, so the two can
 * never disagree. Adding a feature without a value for every edition fails the build.
 */
export const featureMatrix = {
  unlimitedTerminalPanes: { community: false, pro: true },
  sso: { community: false, pro: true },
  proxmoxPowerActions: { community: false, pro: true },
  proxmoxConsoles: { community: false, pro: true },
  infrastructureTabs: { community: false, pro: true },
  pullAgents: { community: false, pro: true },
} as const satisfies Record<string, Record<Edition, boolean>>;

export type FeatureName = keyof typeof featureMatrix;
export const featureNames = Object.keys(featureMatrix) as FeatureName[];

export function isFeatureEnabled(edition: Edition, feature: FeatureName): boolean {
  return featureMatrix[feature][edition];
}

export function enabledFeatures(edition: Edition): Record<FeatureName, boolean> {
  return Object.fromEntries(featureNames.map((name) => [name, isFeatureEnabled(edition, name)])) as Record<
    FeatureName,
    boolean
  >;
}

export const FeaturesResponse = z.object({
  edition: Edition,
  features: z.record(z.string(), z.boolean()),
});
export type FeaturesResponse = z.infer<typeof FeaturesResponse>;
