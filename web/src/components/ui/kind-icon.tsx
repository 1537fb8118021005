import { integrationKinds, IntegrationKind, type InfraSourceKind } from '@archnest/contract';
import type { LucideIcon, LucideProps } from 'lucide-react';
import { Activity, Cloud, Container, Radio, Server, SquareTerminal } from 'lucide-react';

/** The contract names a lucide icon per integration kind; the web maps the name to a component. */
const byName: Record<(typeof integrationKinds)[IntegrationKind]['icon'], LucideIcon> = {
  server: Server,
  cloud: Cloud,
  activity: Activity,
};

const otherSources: Record<Exclude<InfraSourceKind, IntegrationKind>, LucideIcon> = {
  docker: Container,
  agent: Radio,
  ssh: SquareTerminal,
};

export function iconForKind(kind: InfraSourceKind): LucideIcon {
  const parsed = IntegrationKind.safeParse(kind);
  if (parsed.success) return byName[integrationKinds[parsed.data].icon];
  return otherSources[kind as keyof typeof otherSources];
}

export function KindIcon({ kind, ...props }: { kind: InfraSourceKind } & LucideProps) {
  const Icon = iconForKind(kind);
  return <Icon aria-hidden {...props} />;
}
