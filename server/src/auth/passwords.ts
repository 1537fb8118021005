import { hash, verify } from '@node-rs/argon2';

// argon2id (algorithm 2) with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check so an unknown username can't be told apart by timing. */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('archnest-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

/** The slow checks login and password change run; tests hand in a counting one. */
export interface PasswordVerifier {
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends a verification's time for a username that does not exist. */
  burn(password: string): Promise<void>;
}

export const argon2Verifier: PasswordVerifier = { verify: verifyPassword, burn: burnVerifyTime };
