import { endpoints, type AuditEntry } from '@archnest/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ScrollText } from 'lucide-react';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { RelativeTime } from '../../components/ui/relative-time';

const PAGE_SIZE = 50;

function detailText(detail: AuditEntry['detail']): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

function actionTone(action: string): 'danger' | 'success' | 'neutral' {
  if (/delete|deactivat|revok|remove/.test(action)) return 'danger';
  if (/create|activat|add/.test(action)) return 'success';
  return 'neutral';
}

export function AdminAuditCard() {
  const audit = useInfiniteQuery({
    queryKey: queryKeys.adminAudit,
    queryFn: ({ pageParam, signal }) =>
      callApi(endpoints.adminAudit, { query: { limit: PAGE_SIZE, before: pageParam } }, { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <Card>
      <CardHeader title="Admin activity" description="Every change administrators made, newest first." />
      <QueryStates query={audit} loadingLabel="Loading admin activity" />
      {audit.isSuccess && entries.length === 0 ? (
        <EmptyState icon={<ScrollText size={28} strokeWidth={1.5} />} title="No admin activity yet" />
      ) : null}
      {entries.length > 0 ? (
        <>
          <Table aria-label="Admin activity">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Target</Th>
                <Th>Details</Th>
                <Th>IP address</Th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <Tr key={entry.id}>
                  <Td title={formatDateTime(entry.at)} className="whitespace-nowrap">
                    <RelativeTime iso={entry.at} />
                  </Td>
                  <Td className="font-medium">{entry.actorName}</Td>
                  <Td>
                    <Badge tone={actionTone(entry.action)}>{entry.action}</Badge>
                  </Td>
                  <Td>
                    <span className="text-muted">{entry.targetType}</span>
                    {entry.targetName ? <span className="ml-1.5 font-medium">{entry.targetName}</span> : null}
                  </Td>
                  <Td
                    className="max-w-64 truncate text-[0.85rem] text-muted"
                    title={detailText(entry.detail)}
                  >
                    {detailText(entry.detail) || '—'}
                  </Td>
                  <Td className="font-mono text-[0.85rem]">{entry.ip || '—'}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <div className="flex items-center justify-center gap-3 border-t border-border px-5 py-3">
            {audit.hasNextPage ? (
              <Button size="sm" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                Load older entries
              </Button>
            ) : (
              <span className="text-[0.88rem] text-muted">
                Beginning of the log · {entries.length} entries
              </span>
            )}
            {audit.isFetchNextPageError ? (
              <span role="alert" className="text-[0.88rem] text-danger">
                Could not load more.
              </span>
            ) : null}
          </div>
        </>
      ) : null}
    </Card>
  );
}
