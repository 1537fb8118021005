import type { OnboardingStep } from '@archnest/contract';
import { CheckCircle2, Circle } from 'lucide-react';
import { Link } from 'react-router';
import { Card, CardHeader } from '../../components/ui/card';

/** The setup steps, each ticked off from what the server holds; admins get a link to each form. */
export function OnboardingCard({ steps, canSetUp }: { steps: OnboardingStep[]; canSetUp: boolean }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <Card>
      <CardHeader
        title="Get started"
        description={
          canSetUp
            ? `${done} of ${steps.length} done. Each step opens the form it needs.`
            : `${done} of ${steps.length} done. An admin sets these up.`
        }
      />
      <ol className="flex flex-col divide-y divide-border" aria-label="Setup steps">
        {steps.map((step) => (
          <li
            key={step.key}
            className="flex items-center gap-3 px-5 py-3"
            data-step={step.key}
            data-done={step.done}
            aria-label={`${step.label}: ${step.done ? 'done' : 'to do'}`}
          >
            {step.done ? (
              <CheckCircle2 aria-hidden size={20} className="shrink-0 text-success" />
            ) : (
              <Circle aria-hidden size={20} className="shrink-0 text-muted" />
            )}
            {canSetUp && !step.done ? (
              <Link to={step.href} className="min-w-0 font-medium text-accent hover:underline">
                {step.label}
              </Link>
            ) : (
              <span className={step.done ? 'min-w-0 text-muted line-through' : 'min-w-0'}>{step.label}</span>
            )}
            {step.done ? <span className="ml-auto text-[0.85rem] text-success">Done</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
