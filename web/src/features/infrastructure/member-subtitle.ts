import type { InfraResource } from '@archnest/contract';

/**
 * The small line under a member's name: its address when the source gives one (an SSH host's
 * internal id means nothing to a reader), otherwise the id the vendor shows (a VMID, an instance id).
 */
export function memberSubtitle(resource: InfraResource): string {
  return resource.details.find((detail) => detail.label === 'Address')?.value ?? resource.id;
}
