import { requireVisitor } from '@/lib/widget/context';
import { json, readBody, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { authorizeVisitorChannel, realtimeAuthInput } from '@/lib/widget/realtime';
import { parseInput } from '@/lib/widget/validate';

/** pusher-js channel authorization for the visitor's own channel and its conversations' assist channels. */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'realtime-auth', rule: widgetLimits.realtimeAuth });
  const raw = (await readBody(request, 4096)).toString('utf8');
  const isJson = request.headers.get('content-type')?.toLowerCase().includes('application/json');
  let fields: unknown;
  try {
    fields = isJson ? JSON.parse(raw || '{}') : Object.fromEntries(new URLSearchParams(raw));
  } catch {
    fields = {};
  }
  return json(await authorizeVisitorChannel(db, channel, visitor, parseInput(realtimeAuthInput, fields)));
});
