import { passwordRules } from '@archnest/contract';
import { Check, Circle, X } from 'lucide-react';

/**
 * Live checklist from the contract's `passwordRules`: every rule is listed from the start (before
 * anything is typed) and turns green as the password meets it, red when typing breaks it.
 */
export function PasswordHints({ password, username }: { password: string; username?: string }) {
  const typed = password.length > 0;
  return (
    <ul className="mt-0.5 flex flex-col gap-0.5" aria-label="Requirements">
      {passwordRules(password, username).map(({ rule, met }) => {
        // Rules an empty password cannot break yet (length cap, username) count as broken only
        // once something is typed that breaks them.
        const state = met ? 'met' : typed ? 'unmet' : 'pending';
        return (
          <li
            key={rule}
            className={`flex items-center gap-1.5 ${state === 'met' ? 'text-success' : state === 'unmet' ? 'text-danger' : 'text-muted'}`}
          >
            {state === 'met' ? (
              <Check aria-hidden size={13} />
            ) : state === 'unmet' ? (
              <X aria-hidden size={13} />
            ) : (
              <Circle aria-hidden size={9} className="mx-0.5" />
            )}
            {rule}
            <span className="sr-only">{state === 'met' ? '(met)' : '(not met yet)'}</span>
          </li>
        );
      })}
    </ul>
  );
}
