import { Badge } from '../../components/ui/badge';
import { Card, CardBody, CardHeader } from '../../components/ui/card';
import { formatDate, formatRelative } from '../../lib/format-time';
import { useCurrentUser } from '../../lib/current-user-context';

export function ProfileTab() {
  const user = useCurrentUser();
  return (
    <Card>
      <CardHeader title="Profile" description="Your account as ArchNest knows it." />
      <CardBody>
        <div className="mb-5 flex items-center gap-4">
          <span
            aria-hidden
            className="flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-accent text-[1.4rem] font-semibold text-accent-fg uppercase"
          >
            {user.username.slice(0, 1)}
          </span>
          <div className="min-w-0">
            <p className="text-[1.15rem] font-semibold break-words">{user.username}</p>
            <p className="text-[0.9rem] text-muted">
              {user.role === 'admin' ? 'Administrator: manages users and sees the audit log' : 'Member'}
            </p>
          </div>
        </div>
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-3">
          <div>
            <dt className="text-[0.82rem] font-medium text-muted">Username</dt>
            <dd className="mt-0.5 font-medium">{user.username}</dd>
          </div>
          <div>
            <dt className="text-[0.82rem] font-medium text-muted">Role</dt>
            <dd className="mt-0.5">
              <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'} className="capitalize">
                {user.role}
              </Badge>
            </dd>
          </div>
          <div>
            <dt className="text-[0.82rem] font-medium text-muted">Member since</dt>
            <dd className="mt-0.5">
              <time dateTime={user.createdAt} title={formatRelative(user.createdAt)}>
                {formatDate(user.createdAt)}
              </time>
            </dd>
          </div>
        </dl>
      </CardBody>
    </Card>
  );
}
