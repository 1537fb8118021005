import { SearchX } from 'lucide-react';
import { Link } from 'react-router';
import { settingsHref } from '../../lib/settings-href';

/** Shown for `?tab=` values that name no settings tab this account can open. */
export function NoSuchTab({ name }: { name: string }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-1.5 px-6 py-10 text-center">
      <SearchX aria-hidden size={28} strokeWidth={1.5} className="text-muted" />
      <p className="font-medium">No such settings tab</p>
      <p className="max-w-sm text-[0.9rem] break-all text-muted">
        There is no tab called “{name}” that your account can open. Pick one above.
      </p>
      <Link to={settingsHref('profile')} className="mt-1 font-medium text-accent hover:underline">
        Open your profile
      </Link>
    </div>
  );
}
