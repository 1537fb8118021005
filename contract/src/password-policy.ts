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
