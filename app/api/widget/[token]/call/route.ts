import { currentVisitorCall, visitorCallAction, visitorCallInput } from '@/lib/calls/visitor';
import { requireVisitor } from '@/lib/widget/context';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { parseInput } from '@/lib/widget/validate';

/** The visitor's ringing or active call, if any: a chat opened (or reloaded) while it rings shows it. */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'call', rule: widgetLimits.call });
  return json({ call: await currentVisitorCall(db, channel, visitor) });
});

/** `{ callId, action: 'accept' | 'decline' | 'hangup' }`: accepting answers with the call's servers. */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'call', rule: widgetLimits.call });
  const input = parseInput(visitorCallInput, await readJson(request, 1024));
  return json(await visitorCallAction(db, channel, visitor, input));
});
