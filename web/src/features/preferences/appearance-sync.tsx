import { useEffect } from 'react';
import { applyAppearance, watchSystemTheme } from '../../lib/apply-appearance';
import { usePreferences } from '../../api/use-preferences';

/** Keeps <html> in step with the signed-in user's appearance, on every page of the shell. */
export function AppearanceSync() {
  const appearance = usePreferences().data?.appearance;
  useEffect(() => {
    if (!appearance) return;
    applyAppearance(appearance);
    if (appearance.theme !== 'system') return;
    return watchSystemTheme(() => applyAppearance(appearance));
  }, [appearance]);
  return null;
}
