import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { callApi } from '../../../api/call-api';
import { queryKeys } from '../../../api/query-keys';
import { Card, CardHeader } from '../../../components/ui/card';
import { EmptyState, QueryStates } from '../../../components/ui/states';
import { LoginAuditTable } from '../../audit/login-audit-table';

export function LoginHistoryCard() {
  const history = useQuery({
    queryKey: queryKeys.ownLoginAudit,
    queryFn: ({ signal }) => callApi(endpoints.ownLoginAudit, { query: { limit: 50 } }, { signal }),
  });
  return (
    <Card>
      <CardHeader title="Login history" description="The last 50 sign-in attempts on your account." />
      <QueryStates
        query={history}
        loadingLabel="Loading login history"
        empty={<EmptyState icon={<History size={28} strokeWidth={1.5} />} title="No sign-ins recorded yet" />}
      />
      {history.isSuccess && history.data.length > 0 ? (
        <LoginAuditTable entries={history.data} label="Your login history" showUser={false} />
      ) : null}
    </Card>
  );
}
