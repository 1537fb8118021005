import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { useAuthStatus } from './api/use-auth-status';
import { TerminalSessionsProvider } from './features/terminal/terminal-sessions-provider';
import { applyAppearance, cachedAppearance } from './lib/apply-appearance';
import { onClientSessionEnd } from './lib/client-session';
import { queryClient } from './lib/query-client';
import { handleSessionEnd } from './lib/session-end-handler';
import { useToasterRequested } from './lib/toaster-gate';
import { router } from './router';
import './styles.css';

// The sign-in page shows its errors inline: toasts (sonner) load once someone is signed in, during
// first-run setup, or when a session end has something to say.
const ThemedToaster = lazy(() => import('./lib/themed-toaster').then((m) => ({ default: m.ThemedToaster })));

function ToasterWhenNeeded() {
  const status = useAuthStatus();
  const requested = useToasterRequested();
  if (!requested && !status.data?.user && !status.data?.setupRequired) return null;
  return (
    <Suspense fallback={null}>
      <ThemedToaster />
    </Suspense>
  );
}

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
      <ToasterWhenNeeded />
    </QueryClientProvider>
  </StrictMode>,
);
