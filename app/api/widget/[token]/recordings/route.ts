import { requireVisitor } from '@/lib/widget/context';
import { WidgetError } from '@/lib/widget/errors';
import { corsHeaders } from '@/lib/widget/frame-policy';
import { errorResponse, json, readBody, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { readWidgetSettings } from '@/lib/widget/settings';
import { decodeEvents, RECORDING_UPLOAD_MAX_BYTES, splitUpload } from '@/lib/recordings/decode';
import { recordsVisits, storeRecordingBatch } from '@/lib/recordings/store';

/**
 * A batch of the visit's recording from the recorder on the shop's page (public/widget-record.js):
 * text/plain, first line `{t, s, n, e}` (upload-only token, session key, batch number,
 * gzip|json), then the events. CORS: the channel's allowed sites. Refused unless the channel
 * records visits; capped before anything is parsed; rate-limited per visitor.
 */
export const POST = widgetRoute(async ({ request, db, channel }) => {
  const origin = request.headers.get('origin');
  const cors = corsHeaders(origin, readWidgetSettings(channel.channel.settings).allowedOrigins);
  if (!cors) throw new WidgetError(403, 'origin_not_allowed', `This chat is not enabled on ${origin}. Add the site in the widget settings.`);
  try {
    if (!recordsVisits(channel)) throw new WidgetError(403, 'recordings_off', 'This chat does not record visits.');
    const { header, payload } = splitUpload(await readBody(request, RECORDING_UPLOAD_MAX_BYTES));
    const visitor = await requireVisitor(db, channel, request, { name: 'recording', rule: widgetLimits.recording }, { value: header.t, purpose: 'recording' });
    const events = decodeEvents(payload, header.e);
    const stored = await storeRecordingBatch(db, channel, visitor, { sessionKey: header.s, seq: header.n, events });
    return json({ ok: true, stored: stored.stored }, stored.stored ? 201 : 200, cors);
  } catch (error) {
    // The recorder reads the status (it stops on 401/403/413), so the refusal carries CORS too.
    return errorResponse(error, cors);
  }
});
