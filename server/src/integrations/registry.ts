import type { IntegrationKind } from '@archnest/contract';
import { awsEc2Definition } from './aws-ec2/aws-ec2.integration';
import type { AnyIntegrationDefinition } from './integration';
import { proxmoxDefinition } from './proxmox/proxmox.integration';
import { uptimeKumaDefinition } from './uptime-kuma/uptime-kuma.integration';

/** One line per kind; a kind in the contract without an entry here fails the build. */
export const integrationRegistry = {
  proxmox: proxmoxDefinition,
  'aws-ec2': awsEc2Definition,
  'uptime-kuma': uptimeKumaDefinition,
} as const satisfies Record<IntegrationKind, AnyIntegrationDefinition>;
