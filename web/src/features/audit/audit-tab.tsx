import { AdminAuditCard } from './admin-audit-card';
import { AllLoginsCard } from './all-logins-card';
import { TerminalSessionsCard } from './terminal-sessions-card';

export function AuditTab() {
  return (
    <div className="flex flex-col gap-6">
      <AdminAuditCard />
      <TerminalSessionsCard />
      <AllLoginsCard />
    </div>
  );
}
