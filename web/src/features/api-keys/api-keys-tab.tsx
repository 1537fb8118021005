import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { useCurrentUser } from '../../lib/current-user-context';
import { ApiKeyTable } from './api-key-table';
import { CreateApiKeyDialog } from './create-api-key-dialog';
import { useAllApiKeys, useOwnApiKeys } from './use-api-keys';

function OwnKeysCard() {
  const keys = useOwnApiKeys();
  const [creating, setCreating] = useState(false);
  return (
    <Card>
      <CardHeader
        title="Your API keys"
        description="Personal keys for scripts: sent as Authorization: Bearer, shown once, stored only as a hash."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus aria-hidden size={16} />
            Create key
          </Button>
        }
      />
      <QueryStates
        query={keys}
        loadingLabel="Loading API keys"
        empty={
          <EmptyState
            icon={<KeyRound size={28} strokeWidth={1.5} />}
            title="No API keys"
            description="Create one to call the ArchNest API from a script or another tool."
          />
        }
      />
      {keys.isSuccess && keys.data.length > 0 ? (
        <ApiKeyTable keys={keys.data} label="Your API keys" showOwner={false} />
      ) : null}
      {creating ? <CreateApiKeyDialog onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

function AllKeysCard() {
  const keys = useAllApiKeys();
  return (
    <Card>
      <CardHeader
        title="All users’ API keys"
        description="Every key on this instance. Revoke any of them here."
      />
      <QueryStates
        query={keys}
        loadingLabel="Loading all API keys"
        empty={<EmptyState icon={<KeyRound size={28} strokeWidth={1.5} />} title="No user has an API key" />}
      />
      {keys.isSuccess && keys.data.length > 0 ? (
        <ApiKeyTable keys={keys.data} label="All users’ API keys" showOwner />
      ) : null}
    </Card>
  );
}

export function ApiKeysTab() {
  const user = useCurrentUser();
  return (
    <div className="flex flex-col gap-6">
      <OwnKeysCard />
      {user.role === 'admin' ? <AllKeysCard /> : null}
    </div>
  );
}
