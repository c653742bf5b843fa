import { requireVisitor } from '@/lib/widget/context';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { markReadInput, markReplies } from '@/lib/widget/read';
import { parseInput } from '@/lib/widget/validate';

/** `{ status: 'delivered' | 'read', upTo? }`: the visitor received / saw the replies. */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'read', rule: widgetLimits.read });
  const input = parseInput(markReadInput, await readJson(request, 1024));
  return json(await markReplies(db, channel, visitor, input));
});
