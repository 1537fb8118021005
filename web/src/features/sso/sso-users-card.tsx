import { Unlink } from 'lucide-react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { usePinSsoRole, useSsoUsers, useUnlinkSsoUser } from './use-sso';

/** Who signs in through the provider, and whose role stays as set here whatever the groups say. */
export function SsoUsersCard() {
  const users = useSsoUsers();
  const pin = usePinSsoRole();
  const unlink = useUnlinkSsoUser();
  return (
    <Card>
      <CardHeader
        title="Linked accounts"
        description="A pinned role is kept at sign-in; otherwise the admin group decides it each time."
      />
      {users.isPending ? <LoadingRows label="Loading accounts" /> : null}
      {users.isError ? <ErrorState error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.isSuccess ? (
        <table className="w-full text-left text-[0.92rem]">
          <thead className="text-muted">
            <tr>
              <th className="px-5 py-2 font-medium">User</th>
              <th className="px-2 py-2 font-medium">Role</th>
              <th className="px-2 py-2 font-medium">Provider identity</th>
              <th className="px-2 py-2 font-medium">Role pinned</th>
              <th className="px-5 py-2" />
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id} className="border-t border-border">
                <td className="px-5 py-2 font-medium">
                  {u.username} {u.active ? null : <Badge>deactivated</Badge>}
                </td>
                <td className="px-2 py-2">{u.role}</td>
                <td className="px-2 py-2">
                  {u.identity ? (
                    <span title={u.identity.issuer}>{u.identity.subject}</span>
                  ) : (
                    <span className="text-muted">Not linked</span>
                  )}
                </td>
                <td className="px-2 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Pin the role of ${u.username}`}
                    checked={u.rolePinned}
                    disabled={pin.isPending}
                    onChange={(e) => pin.mutate({ id: u.id, pinned: e.target.checked })}
                  />
                </td>
                <td className="px-5 py-2 text-right">
                  {u.identity ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Unlink ${u.username}`}
                      onClick={() => unlink.mutate({ id: u.id, username: u.username })}
                    >
                      <Unlink aria-hidden size={14} />
                      Unlink
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
