import type { AlertEventKind } from '@archnest/contract';

/** One rule and one subject that is not ok. No record means ok. */
export interface AlertState {
  ruleId: string;
  subjectKey: string;
  sourceId: string;
  subjectName: string;
  host: string;
  status: 'pending' | 'firing';
  /** When the condition started to hold (pending since). */
  since: number;
  firingSince: number | null;
  /** While firing: when the condition was first seen clear again (flap damping). */
  clearSince: number | null;
  /** When the last firing or repeat message went out; null while it never did (e.g. muted). */
  notifiedAt: number | null;
  mutedUntil: number | null;
  message: string;
}

export interface StepRule {
  forSeconds: number;
  resolveAfterSeconds: number;
  repeatMinutes: number;
}

export interface StepInput {
  ruleId: string;
  subjectKey: string;
  sourceId: string;
  subjectName: string;
  host: string;
  /** The condition's message, or null when clear. */
  message: string | null;
}

export interface StepResult {
  /** The new state; null = ok (delete). */
  next: AlertState | null;
  /** Whether the stored row must change (message text alone does not count). */
  changed: boolean;
  emit: AlertEventKind | null;
}

const muted = (s: AlertState, now: number) => s.mutedUntil !== null && s.mutedUntil > now;

/**
 * ok → pending (for `forSeconds`) → firing → resolved. A firing alert resolves only after the
 * condition stayed clear for `resolveAfterSeconds`; a relapse within that time is the same alert
 * and sends nothing. One resolved message, only after a firing message went out. Muted: nothing is
 * sent; once the mute ends, a firing alert that was never announced is announced.
 */
export function step(
  rule: StepRule,
  prev: AlertState | undefined,
  input: StepInput,
  now: number,
): StepResult {
  if (input.message === null) {
    if (!prev) return { next: null, changed: false, emit: null };
    if (prev.status === 'pending') return { next: null, changed: true, emit: null };
    const clearSince = prev.clearSince ?? now;
    if (now - clearSince >= rule.resolveAfterSeconds * 1000) {
      const emit = prev.notifiedAt !== null && !muted(prev, now) ? 'resolved' : null;
      return { next: null, changed: true, emit };
    }
    if (prev.clearSince !== null) return { next: prev, changed: false, emit: null };
    return { next: { ...prev, clearSince }, changed: true, emit: null };
  }

  // Literals, not spreads: this runs for every active alert on every poll.
  const current: AlertState = prev
    ? {
        ruleId: prev.ruleId,
        subjectKey: prev.subjectKey,
        sourceId: prev.sourceId,
        subjectName: input.subjectName,
        host: input.host,
        status: prev.status,
        since: prev.since,
        firingSince: prev.firingSince,
        clearSince: prev.clearSince,
        notifiedAt: prev.notifiedAt,
        mutedUntil: prev.mutedUntil,
        message: input.message,
      }
    : {
        ruleId: input.ruleId,
        subjectKey: input.subjectKey,
        sourceId: input.sourceId,
        subjectName: input.subjectName,
        host: input.host,
        status: 'pending',
        since: now,
        firingSince: null,
        clearSince: null,
        notifiedAt: null,
        mutedUntil: null,
        message: input.message,
      };
  let changed = !prev;
  if (current.status === 'pending') {
    if (now - current.since < rule.forSeconds * 1000) return { next: current, changed, emit: null };
    current.status = 'firing';
    current.firingSince = now;
    changed = true;
  }
  if (current.clearSince !== null) {
    current.clearSince = null;
    changed = true;
  }
  if (muted(current, now)) return { next: current, changed, emit: null };
  if (current.notifiedAt === null) {
    current.notifiedAt = now;
    return { next: current, changed: true, emit: 'firing' };
  }
  if (rule.repeatMinutes > 0 && now - current.notifiedAt >= rule.repeatMinutes * 60_000) {
    current.notifiedAt = now;
    return { next: current, changed: true, emit: 'repeat' };
  }
  return { next: current, changed, emit: null };
}
