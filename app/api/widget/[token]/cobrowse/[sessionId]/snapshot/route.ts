import { z } from 'zod';
import { COBROWSE_SNAPSHOT_MAX_BYTES, storeCobrowseSnapshot } from '@/lib/cobrowse/visitor';
import { requireVisitor } from '@/lib/widget/context';
import { json, readBody, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { parseInput } from '@/lib/widget/validate';

const params = z.object({ sessionId: z.uuid('Unknown co-browsing session') });

/**
 * The shop page's full snapshot while co-browsing (gzipped rrweb events), sent by the chat
 * with its visitor token: too big for a realtime event, so the agent's mirror fetches it.
 */
export const POST = widgetRoute<{ token: string; sessionId: string }>(async ({ request, db, channel, params: raw }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'cobrowse', rule: widgetLimits.cobrowse });
  const { sessionId } = parseInput(params, { sessionId: raw.sessionId });
  const body = await readBody(request, COBROWSE_SNAPSHOT_MAX_BYTES);
  const stored = await storeCobrowseSnapshot(db, channel, visitor, sessionId, body);
  return json(stored, stored.stored ? 201 : 200);
});
