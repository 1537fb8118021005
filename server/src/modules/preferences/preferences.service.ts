import {
  Appearance,
  defaultAppearance,
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
  const raw = (stored as { appearance?: Record<string, unknown> } | undefined)?.appearance ?? {};
  const appearance = { ...defaultAppearance };
  for (const key of Object.keys(defaultAppearance) as (keyof typeof defaultAppearance)[]) {
    const candidate = { ...appearance, [key]: raw[key] };
    if (Appearance.safeParse(candidate).success) Object.assign(appearance, { [key]: raw[key] });
  }
  return { appearance };
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
    };
    await this.repo.put(userId, next, this.clock.now().toISOString());
    this.events.emitPreferencesChanged(userId);
    return next;
  }
}
