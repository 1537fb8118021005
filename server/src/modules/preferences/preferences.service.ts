import {
  Appearance,
  ContainersPreferences,
  defaultAppearance,
  defaultContainersPreferences,
  type Preferences,
  type UpdatePreferencesBody,
} from '@archnest/contract';
import type { SessionEvents } from '../../auth/session-events';
import type { Clock } from '../../clock';
import type { PreferencesRepo } from './preferences.repo';

/**
 * Stored preferences are read leniently: a field that is missing or no longer valid (an older
 * release, a hand-edited row) falls back to its default instead of breaking the page.
 */
function normalise(stored: unknown): Preferences {
  const saved = stored as { appearance?: Record<string, unknown>; containers?: unknown } | undefined;
  const raw = saved?.appearance ?? {};
  const appearance = { ...defaultAppearance };
  for (const key of Object.keys(defaultAppearance) as (keyof typeof defaultAppearance)[]) {
    const candidate = { ...appearance, [key]: raw[key] };
    if (Appearance.safeParse(candidate).success) Object.assign(appearance, { [key]: raw[key] });
  }
  const containers = ContainersPreferences.safeParse(saved?.containers);
  return {
    appearance,
    containers: containers.success ? containers.data : { ...defaultContainersPreferences },
  };
}

export class PreferencesService {
  constructor(
    private readonly repo: PreferencesRepo,
    private readonly events: SessionEvents,
    private readonly clock: Clock,
  ) {}

  async get(userId: string): Promise<Preferences> {
    return normalise(await this.repo.get(userId));
  }

  async update(userId: string, changes: UpdatePreferencesBody): Promise<Preferences> {
    const current = await this.get(userId);
    const next: Preferences = {
      appearance: Appearance.parse({ ...current.appearance, ...changes.appearance }),
      containers: ContainersPreferences.parse({ ...current.containers, ...changes.containers }),
    };
    await this.repo.put(userId, next, this.clock.now().toISOString());
    this.events.emitPreferencesChanged(userId);
    return next;
  }
}
