import { visitorAddress, rateLimit } from '@/lib/widget/context';
import { widgetRoute } from '@/lib/widget/http';
import { serveWidgetFile } from '@/lib/widget/files';
import { widgetLimits } from '@/lib/widget/rate-limit';

/** A file from the visitor's history, by its signed link (`?sig=`), so <img src> works without headers. */
export const GET = widgetRoute<{ token: string; fileId: string }>(async ({ request, db, channel, params }) => {
  rateLimit(widgetLimits.files, `files:${visitorAddress(request)}`);
  return serveWidgetFile(db, channel, params.fileId, new URL(request.url).searchParams.get('sig'));
});
