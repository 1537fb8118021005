import { SEAT_LIMIT, type User } from '@archnest/contract';
import { UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDate } from '../../lib/format-time';
import { useCurrentUser } from '../../lib/current-user-context';
import { CreateUserDialog } from './create-user-dialog';
import { DeleteUserDialog } from './delete-user-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { useUsers } from './use-user-mutations';
import { UserActionsMenu } from './user-actions-menu';

function SeatMeter({ used }: { used: number }) {
  const full = used >= SEAT_LIMIT;
  return (
    <div className="flex min-w-40 flex-col gap-1">
      <span className={`text-[0.88rem] ${full ? 'font-medium text-warning' : 'text-muted'}`}>
        {used} of {SEAT_LIMIT} seats used
      </span>
      <div
        role="meter"
        aria-label="Seats used"
        aria-valuemin={0}
        aria-valuemax={SEAT_LIMIT}
        aria-valuenow={used}
        className="h-1.5 overflow-hidden rounded-full bg-surface-2"
      >
        <div
          className={`h-full rounded-full transition-[width] ${full ? 'bg-warning' : 'bg-accent'}`}
          style={{ width: `${Math.min(100, (used / SEAT_LIMIT) * 100)}%` }}
        />
      </div>
    </div>
  );
}

export function UsersTab() {
  const me = useCurrentUser();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const seatsUsed = users.data?.filter((user) => user.active).length ?? 0;
  const full = seatsUsed >= SEAT_LIMIT;

  return (
    <Card>
      <CardHeader
        title="Users"
        description="Admins manage users and see the audit log; members use ArchNest."
        actions={
          <>
            {users.isSuccess ? <SeatMeter used={seatsUsed} /> : null}
            <Button variant="primary" onClick={() => setCreating(true)}>
              <UserPlus aria-hidden size={16} />
              New user
            </Button>
          </>
        }
      />
      <QueryStates
        query={users}
        loadingLabel="Loading users"
        empty={<EmptyState icon={<Users size={28} strokeWidth={1.5} />} title="No users yet" />}
      />
      {users.isSuccess && users.data.length > 0 ? (
        <Table aria-label="Users">
          <thead>
            <tr>
              <Th>Username</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Created</Th>
              <Th className="w-12">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <Tr key={user.id}>
                <Td>
                  <span className="font-medium">{user.username}</span>
                  {user.id === me.id ? <span className="ml-2 text-[0.85rem] text-muted">(you)</span> : null}
                </Td>
                <Td>
                  <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'} className="capitalize">
                    {user.role}
                  </Badge>
                </Td>
                <Td>
                  <Badge tone={user.active ? 'success' : 'warning'}>
                    {user.active ? 'Active' : 'Deactivated'}
                  </Badge>
                </Td>
                <Td className="whitespace-nowrap">{formatDate(user.createdAt)}</Td>
                <Td className="text-right">
                  {/* Your own account is managed under Profile and Security, not from here. */}
                  {user.id === me.id ? null : (
                    <UserActionsMenu
                      user={user}
                      onResetPassword={() => setResetting(user)}
                      onDelete={() => setDeleting(user)}
                    />
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <CreateUserDialog open={creating} onOpenChange={setCreating} seatsFull={full} />
      {resetting ? (
        <ResetPasswordDialog key={resetting.id} user={resetting} onClose={() => setResetting(null)} />
      ) : null}
      {deleting ? (
        <DeleteUserDialog key={deleting.id} user={deleting} onClose={() => setDeleting(null)} />
      ) : null}
    </Card>
  );
}
