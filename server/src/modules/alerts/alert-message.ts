import type { AlertEvent, AlertSeverity } from '@archnest/contract';

/** What every channel renders from: one fired, repeated or resolved alert, or a test. */
export interface AlertMessage {
  kind: 'firing' | 'repeat' | 'resolved' | 'test';
  title: string;
  text: string;
  severity: AlertSeverity;
  at: string;
  eventId: number | null;
  rule: { id: string; name: string } | null;
  subject: { key: string; name: string; host: string } | null;
}

const PREFIX: Record<AlertMessage['kind'], string> = {
  firing: 'FIRING',
  repeat: 'STILL FIRING',
  resolved: 'RESOLVED',
  test: 'TEST',
};

export function messageFor(event: AlertEvent): AlertMessage {
  return {
    kind: event.kind,
    title: `[${PREFIX[event.kind]}] ${event.ruleName}: ${event.subjectName}`,
    text: event.kind === 'resolved' ? `Resolved: ${event.message}` : event.message,
    severity: event.severity,
    at: event.at,
    eventId: event.id,
    rule: { id: event.ruleId, name: event.ruleName },
    subject: { key: event.subjectKey, name: event.subjectName, host: event.host },
  };
}

/** What keeps one alert's deliveries on a channel in order: its rule and subject. */
export function alertOrderKey(ruleId: string, subjectKey: string): string {
  return `${ruleId}\n${subjectKey}`;
}

export function testMessage(channelName: string, at: string): AlertMessage {
  return {
    kind: 'test',
    title: `[${PREFIX.test}] ArchNest channel ${channelName}`,
    text: `This is a test message from ArchNest to the channel "${channelName}".`,
    severity: 'info',
    at,
    eventId: null,
    rule: null,
    subject: null,
  };
}
