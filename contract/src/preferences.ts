import { z } from 'zod';

export const Theme = z.enum(['light', 'dark', 'system']);

export const Appearance = z.object({
  theme: Theme,
  accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Accent must be a colour like #3b82f6.'),
  fontSize: z.number().int().min(12).max(20),
  radius: z.number().int().min(0).max(16),
  sidebarExpanded: z.boolean(),
  animations: z.boolean(),
});
export type Appearance = z.infer<typeof Appearance>;

export const defaultAppearance: Appearance = {
  theme: 'system',
  accent: '#3b82f6',
  fontSize: 14,
  radius: 8,
  sidebarExpanded: true,
  animations: true,
};

export const accentPresets = ['#3b82f6', '#8b5cf6', '#10b981', '#f59e0b', '#ef4444', '#06b6d4'] as const;

/** The Containers page: whether stopped containers are listed. */
export const ContainersPreferences = z.object({ showStopped: z.boolean() });
export const defaultContainersPreferences = { showStopped: false };

export const Preferences = z.object({ appearance: Appearance, containers: ContainersPreferences });
export type Preferences = z.infer<typeof Preferences>;

export const UpdatePreferencesBody = z
  .object({
    appearance: Appearance.partial().strict().optional(),
    containers: ContainersPreferences.partial().strict().optional(),
  })
  .strict();
export type UpdatePreferencesBody = z.infer<typeof UpdatePreferencesBody>;
