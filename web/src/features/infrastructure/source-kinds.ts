import {
  InfraSourceKind,
  integrationKinds,
  IntegrationKind,
  UNGROUPED_SOURCE_KINDS,
} from '@archnest/contract';

const otherNames: Record<Exclude<InfraSourceKind, IntegrationKind>, string> = {
  docker: 'Docker hosts',
  agent: 'Docker agents',
  ssh: 'SSH hosts',
};

export function sourceKindName(kind: InfraSourceKind): string {
  const parsed = IntegrationKind.safeParse(kind);
  return parsed.success
    ? integrationKinds[parsed.data].displayName
    : otherNames[kind as keyof typeof otherNames];
}

/** Which kinds get a tile per node and which collapse into one tile, straight from the contract. */
export const perNodeKinds = InfraSourceKind.options.filter((kind) => UNGROUPED_SOURCE_KINDS.includes(kind));
export const perSourceKinds = InfraSourceKind.options.filter(
  (kind) => !UNGROUPED_SOURCE_KINDS.includes(kind),
);
