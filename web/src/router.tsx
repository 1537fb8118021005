import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from './features/auth/login-page';
import { RequireAuth } from './app/require-auth';
import { FullPageLoading } from './components/ui/full-page-state';
import { LoadingRows } from './components/ui/states';

/**
 * Every page but sign-in is its own chunk, loaded when first visited: the login page downloads only
 * what it draws (docs/PERFORMANCE.md, "First page").
 */
function page(
  load: () => Promise<ComponentType>,
  fallback: ReactNode = <FullPageLoading />,
): () => ReactNode {
  const Lazy = lazy(async () => ({ default: await load() }));
  return () => (
    <Suspense fallback={fallback}>
      <Lazy />
    </Suspense>
  );
}

const SetupPage = page(() => import('./features/auth/setup-page').then((m) => m.SetupPage));
const AppShell = page(() => import('./app/shell/app-shell').then((m) => m.AppShell));
/** Inside the shell, a page loading shows rows where it will appear, not a second full-page logo. */
const inShell = <LoadingRows label="Loading page" />;
const HomePage = page(() => import('./features/home/home-page').then((m) => m.HomePage), inShell);
const InfrastructurePage = page(
  () => import('./features/infrastructure/infrastructure-page').then((m) => m.InfrastructurePage),
  inShell,
);
const TerminalPage = page(
  () => import('./features/terminal/terminal-page').then((m) => m.TerminalPage),
  inShell,
);
const ContainersPage = page(
  () => import('./features/containers/containers-page').then((m) => m.ContainersPage),
  inShell,
);
const ContainerDetailPage = page(
  () => import('./features/containers/container-detail-page').then((m) => m.ContainerDetailPage),
  inShell,
);
const DockerObjectsPage = page(
  () => import('./features/docker-objects/docker-objects-routes').then((m) => m.DockerObjectsRoute),
  inShell,
);
const AlertsPage = page(() => import('./features/alerts/alerts-page').then((m) => m.AlertsPage), inShell);
const SettingsPage = page(() => import('./app/settings/settings-page').then((m) => m.SettingsPage), inShell);

const NotFoundPage = page(() => import('./app/shell/not-found-page').then((m) => m.NotFoundPage), inShell);

export const router = createBrowserRouter([
  { path: '/setup', element: <SetupPage /> },
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'infrastructure', element: <InfrastructurePage /> },
          { path: 'terminal', element: <TerminalPage /> },
          { path: 'containers', element: <ContainersPage /> },
          { path: 'containers/:hostKey/:ref', element: <ContainerDetailPage /> },
          ...['images', 'volumes', 'networks'].map((kind) => ({
            path: `containers/${kind}`,
            element: <DockerObjectsPage />,
          })),
          { path: 'alerts', element: <AlertsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
