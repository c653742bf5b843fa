import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { NextRequest } from 'next/server';
import { getDb } from '@/lib/db';
import { clientIp } from '@/lib/http/client-ip';
import { originFromHeaders } from '@/lib/http/public-origin';
import { verifyCredentials } from './credentials';
import { TooManyAttemptsError } from './rate-limit';
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from './sessions';
import { tooManyAttemptsCode } from './sign-in-errors';

/** A refused sign-in whose code tells the form how long to wait. */
class TooManySignInAttempts extends CredentialsSignin {
  constructor(retryAfterMs: number) {
    super();
    this.code = tooManyAttemptsCode(retryAfterMs);
  }
}

/**
 * Auth.js with email + password. The session cookie is a signed JWT naming a server-side
 * session row (lib/auth/sessions.ts), checked on every request, so sessions can be ended;
 * every entry point also re-checks membership and role in the database.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/signin' },
  logger: {
    // A wrong password is an expected outcome shown on the form, not a server error.
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      // Both doors (the sign-in form's action and POST /api/auth/callback/credentials) end
      // here, so the attempt limits in verifyCredentials cover both.
      async authorize(credentials, request) {
        try {
          return await verifyCredentials(getDb(), credentials, { ip: clientIp(request.headers) });
        } catch (error) {
          if (error instanceof TooManyAttemptsError) throw new TooManySignInAttempts(error.retryAfterMs);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = await startSession(getDb(), user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return Object.assign(session, { sessionId: typeof token.sid === 'string' ? token.sid : undefined });
    },
  },
  events: {
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await endSession(getDb(), sid);
    },
  },
});

/**
 * Auth.js's route handlers, seeing the app's public origin: under `next start` a request's own
 * URL carries the bound address (http://0.0.0.0:PORT), which Auth.js would redirect to.
 */
function withPublicOrigin(request: NextRequest): NextRequest {
  const url = new URL(request.url);
  const origin = originFromHeaders(request.headers);
  if (url.origin === origin) return request;
  return new NextRequest(new URL(`${url.pathname}${url.search}`, origin), request);
}

export const authRouteHandlers = {
  GET: (request: NextRequest) => handlers.GET(withPublicOrigin(request)),
  POST: (request: NextRequest) => handlers.POST(withPublicOrigin(request)),
};
