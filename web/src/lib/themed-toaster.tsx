import { Toaster } from 'sonner';

// Sonner reads its colours from these variables; pointing them at ours makes toasts follow the theme.
const toasterStyle = {
  '--normal-bg': 'var(--surface)',
  '--normal-text': 'var(--fg)',
  '--normal-border': 'var(--border)',
  '--border-radius': 'var(--radius)',
} as React.CSSProperties;

export function ThemedToaster() {
  return <Toaster position="bottom-right" closeButton style={toasterStyle} />;
}
