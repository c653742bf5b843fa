import { requireVisitor } from '@/lib/widget/context';
import { csatInput, pendingCsat, rateConversation } from '@/lib/widget/csat';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { parseInput } from '@/lib/widget/validate';

/** `{ offer }`: the resolved conversation the visitor may rate, or null. */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'csat', rule: widgetLimits.history });
  return json({ offer: await pendingCsat(db, channel, visitor) });
});

/** `{ conversationId, rating: 1–5, comment? }`, once per conversation (a second answer: 409). */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'csat-send', rule: widgetLimits.send });
  const input = parseInput(csatInput, await readJson(request, 8 * 1024));
  return json(await rateConversation(db, channel, visitor, input), 201);
});
