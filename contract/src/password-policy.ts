export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
const MIN_DISTINCT_CHARACTERS = 5;

/**
 * Length over composition (NIST SP 800-63B): a long passphrase is fine, a short mixed one is not.
 * Returns the reasons a password is refused; an empty list means it is acceptable.
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  }
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS) {
    problems.push(`Use at least ${MIN_DISTINCT_CHARACTERS} different characters.`);
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('Do not include the username.');
  }
  return problems;
}

export interface PasswordRule {
  /** The rule as a checklist line, e.g. "At least 10 characters". */
  rule: string;
  met: boolean;
}

/**
 * Every rule of the policy with whether `password` meets it, so a form can show the full checklist
 * before anything is typed. The username rule is listed once a username is known.
 */
export function passwordRules(password: string, username?: string): PasswordRule[] {
  const problems = passwordProblems(password, username);
  const typed = password.length > 0;
  const rules: { rule: string; problem: string }[] = [
    {
      rule: `At least ${PASSWORD_MIN_LENGTH} characters`,
      problem: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    },
    {
      rule: `At least ${MIN_DISTINCT_CHARACTERS} different characters`,
      problem: `Use at least ${MIN_DISTINCT_CHARACTERS} different characters.`,
    },
    {
      rule: `At most ${PASSWORD_MAX_LENGTH} characters`,
      problem: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
    },
  ];
  if (username && username.length >= 3) {
    rules.push({ rule: 'Does not include the username', problem: 'Do not include the username.' });
  }
  return rules.map(({ rule, problem }) => ({ rule, met: typed && !problems.includes(problem) }));
}
