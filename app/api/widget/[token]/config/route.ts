import { hasEnabledRules } from '@/lib/widget/action-rules/public-rules';
import { visitorAddress, rateLimit } from '@/lib/widget/context';
import { browserLanguageOf, liveWidgetConfig } from '@/lib/widget/config';
import { WidgetError } from '@/lib/widget/errors';
import { corsHeaders } from '@/lib/widget/frame-policy';
import { json, widgetRoute } from '@/lib/widget/http';
import { loaderConfig } from '@/lib/widget/present';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { readWidgetSettings } from '@/lib/widget/settings';

/**
 * Public widget settings for the loader on the shop's page (CORS: the channel's allowed
 * sites). `?lang=` is the visitor's browser language. Cached briefly: it says whether
 * someone is available now.
 */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  rateLimit(widgetLimits.config, `config:${visitorAddress(request)}`);
  const origin = request.headers.get('origin');
  const cors = corsHeaders(origin, readWidgetSettings(channel.channel.settings).allowedOrigins);
  if (!cors) {
    throw new WidgetError(403, 'origin_not_allowed', `This chat is not enabled on ${origin}. Add the site in the widget settings.`);
  }
  const lang = browserLanguageOf(new URL(request.url).searchParams.get('lang'));
  const [config, rules] = await Promise.all([liveWidgetConfig(db, channel, lang), hasEnabledRules(db, channel)]);
  // `rules`: the loader fetches the action rules script only when there are rules to run.
  return json({ config: { ...loaderConfig(config), rules } }, 200, { ...cors, 'cache-control': 'public, max-age=10' });
});
