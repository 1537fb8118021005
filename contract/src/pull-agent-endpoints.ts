import type { EndpointDef } from './endpoint';
import {
  CompletedPullAgentEnrolment,
  CreatePullAgentEnrolmentBody,
  PullAgentEnrolment,
  PullAgentEnrolmentParams,
} from './pull-agents';

/** Enrolling Docker pull agents (admin, pro edition); an enrolled agent is then a Docker host. */
export const pullAgentEndpoints = {
  createPullAgentEnrolment: {
    method: 'POST',
    path: '/api/pull-agents/enrolments',
    access: 'admin',
    feature: 'pullAgents',
    tag: 'containers',
    summary: 'Open a pull agent enrolment: a one-time token valid 15 minutes and the commands carrying it',
    body: CreatePullAgentEnrolmentBody,
    status: 201,
    response: PullAgentEnrolment,
  },
  completePullAgentEnrolment: {
    method: 'POST',
    path: '/api/pull-agents/enrolments/:id/complete',
    access: 'admin',
    feature: 'pullAgents',
    tag: 'containers',
    summary: 'Connect to the started agent, exchange and pin both certificates, and add it as a Docker host',
    params: PullAgentEnrolmentParams,
    status: 201,
    response: CompletedPullAgentEnrolment,
  },
} as const satisfies Record<string, EndpointDef>;
