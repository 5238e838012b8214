import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit session token, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time token comparison. Both sides are hashed first so the comparison time does not depend on the
 * length or content of the presented value (timingSafeEqual itself requires equal lengths).
 */
export function tokensEqual(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
