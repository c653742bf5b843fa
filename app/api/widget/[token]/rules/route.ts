import { publicRules } from '@/lib/widget/action-rules/public-rules';
import { visitorAddress, rateLimit } from '@/lib/widget/context';
import { WidgetError } from '@/lib/widget/errors';
import { corsHeaders } from '@/lib/widget/frame-policy';
import { json, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { readWidgetSettings } from '@/lib/widget/settings';

/** The channel's enabled action rules and whether the shop is open, for public/widget-rules.js (CORS: the channel's allowed sites). */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  rateLimit(widgetLimits.rules, `rules:${visitorAddress(request)}`);
  const origin = request.headers.get('origin');
  const cors = corsHeaders(origin, readWidgetSettings(channel.channel.settings).allowedOrigins);
  if (!cors) {
    throw new WidgetError(403, 'origin_not_allowed', `This chat is not enabled on ${origin}. Add the site in the widget settings.`);
  }
  return json(await publicRules(db, channel), 200, { ...cors, 'cache-control': 'public, max-age=60' });
});
