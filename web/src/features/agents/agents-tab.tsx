import { AgentHostsCard } from './agent-hosts-card';
import { AgentTokensCard } from './agent-tokens-card';

/** Settings › Agents: who reports, and the tokens they report with. */
export function AgentsTab() {
  return (
    <div className="flex flex-col gap-6">
      <AgentHostsCard />
      <AgentTokensCard />
    </div>
  );
}
