import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { Toaster } from 'sonner';
import { TerminalSessionsProvider } from './features/terminal/terminal-sessions-provider';
import { applyAppearance, cachedAppearance } from './lib/apply-appearance';
import { onClientSessionEnd } from './lib/client-session';
import { queryClient } from './lib/query-client';
import { handleSessionEnd } from './lib/session-end-handler';
import { router } from './router';
import './styles.css';

// Before the first paint, so a reload does not flash the default theme.
applyAppearance(cachedAppearance());
onClientSessionEnd(handleSessionEnd(queryClient, (to) => router.navigate(to, { replace: true })));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* Above the router: terminal sessions outlive page changes. */}
      <TerminalSessionsProvider>
        <RouterProvider router={router} />
      </TerminalSessionsProvider>
      <ThemedToaster />
    </QueryClientProvider>
  </StrictMode>,
);

// Sonner reads its colours from these variables; pointing them at ours makes toasts follow the theme.
const toasterStyle = {
  '--normal-bg': 'var(--surface)',
  '--normal-text': 'var(--fg)',
  '--normal-border': 'var(--border)',
  '--border-radius': 'var(--radius)',
} as React.CSSProperties;

function ThemedToaster() {
  return <Toaster position="bottom-right" closeButton style={toasterStyle} />;
}
