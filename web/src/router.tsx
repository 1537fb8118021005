import { createBrowserRouter, Navigate } from 'react-router';
import { AlertsPage } from './features/alerts/alerts-page';
import { ContainersPage } from './features/containers/containers-page';
import { InfrastructurePage } from './features/infrastructure/infrastructure-page';
import { LoginPage } from './features/auth/login-page';
import { RequireAuth } from './features/auth/require-auth';
import { SetupPage } from './features/auth/setup-page';
import { SettingsPage } from './features/settings/settings-page';
import { AppShell } from './features/shell/app-shell';
import { TerminalPage } from './features/terminal/terminal-page';

export const router = createBrowserRouter([
  { path: '/setup', element: <SetupPage /> },
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to="/settings" replace /> },
          { path: 'infrastructure', element: <InfrastructurePage /> },
          { path: 'terminal', element: <TerminalPage /> },
          { path: 'containers', element: <ContainersPage /> },
          { path: 'alerts', element: <AlertsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <Navigate to="/settings" replace /> },
        ],
      },
    ],
  },
]);
