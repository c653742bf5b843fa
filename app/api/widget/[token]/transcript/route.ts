import { requireVisitor } from '@/lib/widget/context';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { requestTranscript, transcriptDefaults, transcriptInput } from '@/lib/widget/transcript';
import { parseInput } from '@/lib/widget/validate';

/** `{ email, offered }`: the address to prefill (the visitor's own, when the shop or a form gave one). */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'transcript-defaults', rule: widgetLimits.history });
  return json(await transcriptDefaults(db, channel, visitor));
});

/** `{ email, conversationId? }`: queues the email of the visitor's own conversation (202). */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'transcript', rule: widgetLimits.transcript });
  const input = parseInput(transcriptInput, await readJson(request, 4 * 1024));
  return json(await requestTranscript(db, channel, visitor, input), 202);
});
