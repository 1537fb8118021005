import { Appearance, defaultAppearance, type Appearance as AppearanceValue } from '@archnest/contract';

const CACHE_KEY = 'archnest.appearance';
const darkQuery = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: AppearanceValue['theme']): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

/** Black or white text, whichever reads better on the accent (WCAG relative luminance). */
export function readableOn(hex: string): '#ffffff' | '#0b0e14' {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.45 ? '#0b0e14' : '#ffffff';
}

/**
 * Puts the preferences on <html> where every page (and the e2e tests) can read them: CSS variables
 * for values, `dark` + `data-theme` for the resolved theme, `data-animations` for motion.
 */
export function applyAppearance(appearance: AppearanceValue): void {
  const root = document.documentElement;
  const theme = resolveTheme(appearance.theme);
  root.classList.toggle('dark', theme === 'dark');
  root.dataset.theme = theme;
  root.dataset.themePreference = appearance.theme;
  root.dataset.animations = appearance.animations ? 'on' : 'off';
  root.style.setProperty('--accent', appearance.accent);
  root.style.setProperty('--accent-fg', readableOn(appearance.accent));
  root.style.setProperty('--font-size', `${appearance.fontSize}px`);
  root.style.setProperty('--radius', `${appearance.radius}px`);
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(appearance));
  } catch {
    // Storage can be unavailable (private mode); the server copy still applies after sign-in.
  }
}

/**
 * The last appearance this browser saw, applied before the first render so a reload does not flash
 * the default theme while preferences load. The server copy always wins once it arrives.
 */
export function cachedAppearance(): AppearanceValue {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    const parsed = Appearance.safeParse(raw ? JSON.parse(raw) : undefined);
    if (parsed.success) return parsed.data;
  } catch {
    // Fall through to the defaults.
  }
  return defaultAppearance;
}

/** Re-applies when the OS switches between light and dark while the preference is `system`. */
export function watchSystemTheme(onChange: () => void): () => void {
  const media = window.matchMedia(darkQuery);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}
