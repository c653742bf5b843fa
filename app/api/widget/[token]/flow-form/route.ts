import { requireVisitor } from '@/lib/widget/context';
import { submitFlowForm } from '@/lib/widget/forms/flow-form';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';

/**
 * `{ key, answers: { name?, email?, phone?, custom: { key: value }, consent? } }`: the answers to
 * the form the visitor's bot flow waits on; stored, copied onto the customer, and the flow goes on.
 */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'flow-form', rule: widgetLimits.send });
  return json(await submitFlowForm(db, channel, visitor, await readJson(request, 16 * 1024)), 201);
});
