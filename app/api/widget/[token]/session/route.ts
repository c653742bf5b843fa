import { bearerToken, visitorAddress, rateLimit } from '@/lib/widget/context';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { sessionInput, startSession } from '@/lib/widget/session';
import { parseInput } from '@/lib/widget/validate';

/**
 * Creates a visitor, or resumes the one in `Authorization: Bearer <visitor token>`.
 * Body: `{ identity?: { identifier, hash, name?, email? } }` to verify a signed-in shop customer.
 */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  rateLimit(widgetLimits.sessionPerIp, `session:ip:${visitorAddress(request)}`);
  const token = bearerToken(request);
  if (token) rateLimit(widgetLimits.session, `session:token:${token.slice(-24)}`);
  const input = parseInput(sessionInput, await readJson(request));
  const session = await startSession(db, channel, { token, identity: input.identity });
  return json(session, session.created ? 201 : 200);
});
