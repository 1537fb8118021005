import type { LoginAuditEntry } from '@archnest/contract';
import { CheckCircle2, XCircle } from 'lucide-react';
import { Badge } from '../../components/ui/badge';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { describeUserAgent } from '../../lib/user-agent';
import { RelativeTime } from '../../components/ui/relative-time';

const reasonText: Record<string, string> = {
  wrong_password: 'Wrong password',
  unknown_user: 'Unknown user',
  invalid_credentials: 'Wrong username or password',
  account_disabled: 'Account deactivated',
  rate_limited: 'Too many attempts',
  two_factor_pending: 'Password right, code awaited',
  wrong_two_factor_code: 'Wrong two-factor code',
  two_factor_code_replayed: 'Two-factor code used twice',
  wrong_recovery_code: 'Wrong or used recovery code',
  two_factor_rate_limited: 'Too many wrong codes',
  pending_login_expired: 'Sign-in expired before the code',
  group_not_allowed: 'Not in an allowed group',
  seat_limit: 'No free seat',
  link_required: 'Waiting for account link',
  link_wrong_password: 'Wrong password for link',
};

const methodText: Record<string, string> = { password: 'Password', sso: 'Single sign-on' };

// Reasons are open-ended strings in the contract; unknown ones still read as words.
function humanReason(reason: string): string {
  const text = reasonText[reason] ?? reason.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function LoginAuditTable({
  entries,
  label,
  showUser,
}: {
  entries: LoginAuditEntry[];
  label: string;
  showUser: boolean;
}) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>When</Th>
          {showUser ? <Th>User</Th> : null}
          <Th>Result</Th>
          <Th>Attempts</Th>
          <Th>Method</Th>
          <Th>IP address</Th>
          <Th>Client</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, index) => (
          <Tr key={`${entry.at}-${index}`}>
            <Td title={formatDateTime(entry.at)} className="whitespace-nowrap">
              <RelativeTime iso={entry.at} />
            </Td>
            {showUser ? <Td className="font-medium">{entry.username}</Td> : null}
            <Td>
              {entry.success ? (
                <Badge tone="success">
                  <CheckCircle2 aria-hidden size={12} />{' '}
                  {entry.reason === 'ok_recovery_code' ? 'Signed in with a recovery code' : 'Signed in'}
                </Badge>
              ) : (
                <Badge tone="danger" title={entry.reason}>
                  <XCircle aria-hidden size={12} /> {humanReason(entry.reason) || 'Failed'}
                </Badge>
              )}
            </Td>
            <Td
              className="whitespace-nowrap tabular-nums"
              title={entry.count > 1 ? `Last attempt ${formatDateTime(entry.lastAt)}` : undefined}
            >
              {entry.count > 1 ? `${entry.count}× (last $<RelativeTime iso={entry.lastAt} />)` : '1'}
            </Td>
            <Td>{methodText[entry.method] ?? entry.method}</Td>
            <Td className="font-mono text-[0.85rem]">{entry.ip || '—'}</Td>
            <Td title={entry.userAgent} className="text-muted">
              {describeUserAgent(entry.userAgent)}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
