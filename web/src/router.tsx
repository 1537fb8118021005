import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from './features/auth/login-page';
import { RequireAuth } from './features/auth/require-auth';
import { SetupPage } from './features/auth/setup-page';
import { SettingsPage } from './features/settings/settings-page';
import { AppShell } from './features/shell/app-shell';

export const router = createBrowserRouter([
  { path: '/setup', element: <SetupPage /> },
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          // Settings is the only area with something behind it yet; later features add routes here.
          { index: true, element: <Navigate to="/settings" replace /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <Navigate to="/settings" replace /> },
        ],
      },
    ],
  },
]);
