import { Compass } from 'lucide-react';
import { Link, useLocation } from 'react-router';

/** What an address no page answers shows, inside the shell: the path asked for and a way home. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-16 text-center">
      <Compass aria-hidden size={32} strokeWidth={1.5} className="text-muted" />
      <h1 className="text-[1.4rem] font-semibold tracking-tight">Page not found</h1>
      <p className="max-w-md text-muted">
        Nothing lives at <code className="break-all">{pathname}</code>.
      </p>
      <Link to="/" className="mt-2 font-medium text-accent underline-offset-4 hover:underline">
        Go to the home page
      </Link>
    </div>
  );
}
