import bcrypt from 'bcryptjs';

// bcryptjs: pure JavaScript (no native build step on any machine), the same format and
// strength as the C bcrypt. Cost 11 keeps a sign-in near 100 ms on a small server.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
