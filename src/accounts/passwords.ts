import { hash, verify } from '@node-rs/argon2';
import { DossierError } from '../domain/errors.js';

/** argon2id (the library's default algorithm) with OWASP's recommended cost: 19 MiB, 2 passes. */
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

/** Hash a password as an argon2id PHC string, after checking it is long enough. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new DossierError('invalid_argument', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  return hash(password, COST);
}

// Verified against when the user does not exist, so an unknown name costs as long as a wrong password.
let decoy: Promise<string> | null = null;

/** True when the password matches the hash; argon2's comparison is constant-time. A null hash is checked against a decoy. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hash('decoy password, never valid', COST);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
