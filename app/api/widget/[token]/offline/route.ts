import { requireVisitor } from '@/lib/widget/context';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { offlineMessageInput, sendOfflineMessage } from '@/lib/widget/offline';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { parseInput } from '@/lib/widget/validate';

/** The offline form: `{ clientId, email, text }`; the email goes on the contact, the text opens the conversation. */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'send', rule: widgetLimits.send });
  const input = parseInput(offlineMessageInput, await readJson(request));
  const result = await sendOfflineMessage(db, channel, visitor, input);
  return json({ message: result.message }, result.created ? 201 : 200);
});
