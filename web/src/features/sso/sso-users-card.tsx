import { Unlink } from 'lucide-react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
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
      <QueryStates query={users} loadingLabel="Loading accounts" />
      {users.isSuccess ? (
        <Table aria-label="Linked accounts">
          <thead>
            <tr>
              <Th>User</Th>
              <Th>Role</Th>
              <Th>Provider identity</Th>
              <Th>Role pinned</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <Tr key={u.id}>
                <Td className="font-medium">
                  {u.username} {u.active ? null : <Badge>deactivated</Badge>}
                </Td>
                <Td>{u.role}</Td>
                <Td>
                  {u.identity ? (
                    <span title={u.identity.issuer}>{u.identity.subject}</span>
                  ) : (
                    <span className="text-muted">Not linked</span>
                  )}
                </Td>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Pin the role of ${u.username}`}
                    checked={u.rolePinned}
                    disabled={pin.isPending}
                    onChange={(e) => pin.mutate({ id: u.id, pinned: e.target.checked })}
                  />
                </Td>
                <Td className="text-right">
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
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}
