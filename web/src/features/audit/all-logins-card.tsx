import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { LoginAuditTable } from './login-audit-table';

export function AllLoginsCard() {
  const logins = useQuery({
    queryKey: queryKeys.adminLoginAudit,
    queryFn: ({ signal }) => callApi(endpoints.adminLoginAudit, { query: { limit: 200 } }, { signal }),
  });
  return (
    <Card>
      <CardHeader title="Sign-ins" description="The last 200 sign-in attempts across all accounts." />
      <QueryStates
        query={logins}
        loadingLabel="Loading sign-ins"
        empty={<EmptyState icon={<History size={28} strokeWidth={1.5} />} title="No sign-ins recorded yet" />}
      />
      {logins.isSuccess && logins.data.length > 0 ? (
        <LoginAuditTable entries={logins.data} label="Sign-ins of all users" showUser />
      ) : null}
    </Card>
  );
}
