import type { ReactNode } from 'react';
import { Logo } from '../../components/ui/logo';

/** Centered card used by the sign-in and first-run pages. */
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-bg px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <Logo size={40} />
          <div>
            <h1 className="text-[1.45rem] font-semibold tracking-tight">{title}</h1>
            <p className="mt-1 text-muted">{subtitle}</p>
          </div>
        </div>
        <div className="rounded-ui-lg border border-border bg-surface p-6 shadow-ui">{children}</div>
      </div>
    </main>
  );
}
