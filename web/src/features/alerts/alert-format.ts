import type { AlertEventKind, AlertSeverity } from '@archnest/contract';

export const kindLabels: Record<AlertEventKind, string> = {
  firing: 'Firing',
  repeat: 'Still firing',
  resolved: 'Resolved',
};

export function kindTone(kind: AlertEventKind): 'danger' | 'warning' | 'success' {
  if (kind === 'resolved') return 'success';
  return kind === 'firing' ? 'danger' : 'warning';
}

export function severityTone(severity: AlertSeverity): 'danger' | 'warning' | 'accent' {
  if (severity === 'critical') return 'danger';
  return severity === 'warning' ? 'warning' : 'accent';
}
