import { createHmac, timingSafeEqual } from 'node:crypto';

// Apple's gateway side of the JWT, written apart from the adapter's on purpose: the fake
// checks what Baton sends against Apple's sample (HS256, key = the base64-decoded secret),
// so a shared mistake cannot pass both.

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function appleGatewayJwt(claims: Record<string, unknown>, secretBase64: string): string {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(input).digest())}`;
}

/** What is wrong with an MSP's Bearer token, or null when Apple would take it. */
export function appleJwtProblem(authorization: string | undefined, mspId: string, secretBase64: string, now = Date.now()): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) return 'Authorization must be "Bearer <JWT>"';
  const [, head, body, signature] = match;
  let header: { alg?: unknown };
  let claims: { iss?: unknown; iat?: unknown };
  try {
    header = JSON.parse(Buffer.from(head!, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return 'The JWT header or claims are not JSON';
  }
  if (header.alg !== 'HS256') return `The JWT must be HS256, not ${String(header.alg)}`;
  const expected = createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'The JWT signature does not match the base64-decoded secret';
  if (claims.iss !== mspId) return `The JWT's iss must be the MSP id ${mspId}`;
  if (typeof claims.iat !== 'number' || Math.abs(claims.iat - now / 1000) > 3600) return 'The JWT needs an iat within the hour (seconds)';
  return null;
}
