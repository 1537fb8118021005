import { accountEndpoints } from './account-endpoints';
import { alertEndpoints } from './alert-endpoints';
import { agentEndpoints } from './agent-endpoints';
import { apiKeyEndpoints } from './api-key-endpoints';
import { backupEndpoints } from './backup-endpoints';
import { containerEndpoints } from './container-endpoints';
import { dockerObjectEndpoints } from './docker-object-endpoints';
import type { EndpointDef } from './endpoint';
import { guestActionEndpoints } from './guest-action-endpoints';
import { hostEndpoints } from './host-endpoints';
import { infrastructureTabEndpoints } from './infrastructure-tabs';
import { integrationEndpoints } from './integration-endpoints';
import { twoFactorEndpoints } from './two-factor-endpoints';
import { ssoEndpoints } from './sso-endpoints';
import { homeEndpoints } from './home-endpoints';
import { pullAgentEndpoints } from './pull-agent-endpoints';

/**
 * Every HTTP and WebSocket route of the API, with the access it requires. The server registers routes
 * only from this table (a route missing here fails at startup), the web client calls through it, and
 * the access test walks it. Each area keeps its part in its own file.
 */
export const endpoints = {
  ...accountEndpoints,
  ...hostEndpoints,
  ...containerEndpoints,
  ...dockerObjectEndpoints,
  ...agentEndpoints,
  ...integrationEndpoints,
  ...apiKeyEndpoints,
  ...twoFactorEndpoints,
  ...ssoEndpoints,
  ...guestActionEndpoints,
  ...alertEndpoints,
  ...homeEndpoints,
  ...infrastructureTabEndpoints,
  ...pullAgentEndpoints,
  ...backupEndpoints,
} as const satisfies Record<string, EndpointDef>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
