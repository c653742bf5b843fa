import { requireVisitor } from '@/lib/widget/context';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { typingInput, visitorTyping } from '@/lib/widget/realtime';
import { parseInput } from '@/lib/widget/validate';

/** `{ typing: boolean }`: agents viewing the conversation see "typing…". */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'typing', rule: widgetLimits.typing });
  const input = parseInput(typingInput, await readJson(request, 1024));
  return json(await visitorTyping(db, channel, visitor, input));
});
