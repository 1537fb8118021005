import type { ITheme } from '@xterm/xterm';

/** Background and text match the app's surfaces; ANSI colours are tuned to stay readable on each. */
const dark: ITheme = {
  background: '#0b0e14',
  foreground: '#e6e9ef',
  cursor: '#e6e9ef',
  cursorAccent: '#0b0e14',
  selectionBackground: '#3b82f666',
  black: '#1a202c',
  red: '#f87171',
  green: '#4ade80',
  yellow: '#fbbf24',
  blue: '#60a5fa',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#d1d5db',
  brightBlack: '#6b7280',
  brightRed: '#fca5a5',
  brightGreen: '#86efac',
  brightYellow: '#fde68a',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#ffffff',
};

const light: ITheme = {
  background: '#ffffff',
  foreground: '#0f172a',
  cursor: '#0f172a',
  cursorAccent: '#ffffff',
  selectionBackground: '#3b82f640',
  black: '#0f172a',
  red: '#b91c1c',
  green: '#15803d',
  yellow: '#a16207',
  blue: '#1d4ed8',
  magenta: '#7e22ce',
  cyan: '#0e7490',
  white: '#64748b',
  brightBlack: '#475569',
  brightRed: '#dc2626',
  brightGreen: '#16a34a',
  brightYellow: '#ca8a04',
  brightBlue: '#2563eb',
  brightMagenta: '#9333ea',
  brightCyan: '#0891b2',
  brightWhite: '#94a3b8',
};

export interface TerminalLook {
  fontSize: number;
  dark: boolean;
}

export function terminalTheme(isDark: boolean): ITheme {
  return isDark ? dark : light;
}

/** The look <html> carries right now (applyAppearance keeps it there for every page). */
export function currentLook(): TerminalLook {
  const root = document.documentElement;
  const size = Number.parseInt(root.style.getPropertyValue('--font-size'), 10);
  return { fontSize: Number.isFinite(size) ? size : 14, dark: root.dataset.theme === 'dark' };
}
