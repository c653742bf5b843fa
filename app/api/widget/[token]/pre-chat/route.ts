import { bearerToken, requireVisitor } from '@/lib/widget/context';
import { readPreChatForm } from '@/lib/widget/forms/definition';
import { preChatState, submitPreChat } from '@/lib/widget/forms/submit';
import { json, readJson, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';

/**
 * The channel's pre-chat form (when on) and whether this visitor still has to answer it.
 * Without a visitor token (a new visitor has no session before writing): asked when on.
 */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  if (!bearerToken(request)) {
    const form = readPreChatForm(channel.channel.settings);
    return json(form.enabled ? { form, needed: true } : { form: null, needed: false });
  }
  const visitor = await requireVisitor(db, channel, request, { name: 'pre-chat', rule: widgetLimits.history });
  return json(await preChatState(db, channel, visitor));
});

/** `{ name?, email?, phone?, custom: { key: value }, consent? }`: checked against the form, stored, copied onto the customer. */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'pre-chat-send', rule: widgetLimits.send });
  return json(await submitPreChat(db, channel, visitor, await readJson(request, 16 * 1024)), 201);
});
