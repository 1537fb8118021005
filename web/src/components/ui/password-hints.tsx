import { passwordProblems } from '@archnest/contract';
import { Check, Circle, X } from 'lucide-react';

// What an empty password fails is exactly the list of rules, so the checklist never drifts from
// the policy the server enforces.
const baseRules = passwordProblems('');

function ruleText(problem: string): string {
  return problem
    .replace(/^Use /, '')
    .replace(/\.$/, '')
    .replace(/^./, (c) => c.toUpperCase());
}

/** Live checklist from the contract's `passwordProblems`. */
export function PasswordHints({ password, username }: { password: string; username?: string }) {
  const problems = passwordProblems(password, username);
  const extra = problems.filter((problem) => !baseRules.includes(problem));
  return (
    <ul className="mt-0.5 flex flex-col gap-0.5" aria-label="Requirements">
      {baseRules.map((rule) => {
        const ok = password.length > 0 && !problems.includes(rule);
        return (
          <li key={rule} className={`flex items-center gap-1.5 ${ok ? 'text-success' : 'text-muted'}`}>
            {ok ? <Check aria-hidden size={13} /> : <Circle aria-hidden size={9} className="mx-0.5" />}
            {ruleText(rule)}
            <span className="sr-only">{ok ? '(met)' : '(not met yet)'}</span>
          </li>
        );
      })}
      {extra.map((problem) => (
        <li key={problem} className="flex items-center gap-1.5 text-danger">
          <X aria-hidden size={13} />
          {problem}
        </li>
      ))}
    </ul>
  );
}
