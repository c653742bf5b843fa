import { requireVisitor } from '@/lib/widget/context';
import { requireAnsweredPreChat } from '@/lib/widget/forms/submit';
import { WidgetError } from '@/lib/widget/errors';
import { json, readForm, readJson, widgetRoute } from '@/lib/widget/http';
import { historyQuery, listHistory, sendText, sendTextInput, sendUpload, uploadFields } from '@/lib/widget/messages';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { WIDGET_UPLOAD_LIMITS } from '@/lib/widget/types';
import { parseInput } from '@/lib/widget/validate';

/** The visitor's history, newest page; `?before=<cursor>` for older pages. */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  const visitor = await requireVisitor(db, channel, request, { name: 'history', rule: widgetLimits.history });
  const query = parseInput(historyQuery, Object.fromEntries(new URL(request.url).searchParams));
  return json(await listHistory(db, channel, visitor, query));
});

const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * A visitor's message. JSON `{ clientId, text, payload? }` for text and quick replies;
 * multipart `clientId`, `file`, `caption?` for an attachment. Same clientId twice = one message.
 */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    const visitor = await requireVisitor(db, channel, request, { name: 'upload', rule: widgetLimits.upload });
    await requireAnsweredPreChat(db, channel, visitor);
    const form = await readForm(request, WIDGET_UPLOAD_LIMITS.fileBytes + MULTIPART_OVERHEAD);
    const file = form.get('file');
    if (!(file instanceof File)) throw new WidgetError(400, 'invalid', 'file: attach a file in the "file" field');
    const fields = parseInput(uploadFields, { clientId: form.get('clientId') ?? undefined, caption: form.get('caption') || undefined });
    const result = await sendUpload(db, channel, visitor, { ...fields, file });
    return json({ message: result.message }, result.created ? 201 : 200);
  }
  const visitor = await requireVisitor(db, channel, request, { name: 'send', rule: widgetLimits.send });
  await requireAnsweredPreChat(db, channel, visitor);
  const input = parseInput(sendTextInput, await readJson(request));
  const result = await sendText(db, channel, visitor, input);
  return json({ message: result.message }, result.created ? 201 : 200);
});
