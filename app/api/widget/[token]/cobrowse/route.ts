import { answerCobrowse, cobrowseAnswerInput, visitorCobrowse } from '@/lib/cobrowse/visitor';
import { requireVisitor } from '@/lib/widget/context';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { parseInput } from '@/lib/widget/validate';

/** The visitor's co-browsing request or session waiting or running (the consent card, resuming on a new page), or null. */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'cobrowse', rule: widgetLimits.cobrowse });
  return json({ session: await visitorCobrowse(db, channel, visitor) });
});

/** `{ sessionId, answer: accept | decline | end }`: the consent card's answer, or Stop. */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'cobrowse', rule: widgetLimits.cobrowse });
  const input = parseInput(cobrowseAnswerInput, await readJson(request, 1024));
  return json({ session: await answerCobrowse(db, channel, visitor, input) });
});
