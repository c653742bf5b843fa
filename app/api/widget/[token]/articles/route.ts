import { suggestArticles } from '@/lib/articles/suggest';
import { originFromHeaders } from '@/lib/http/public-origin';
import { rateLimit, visitorAddress } from '@/lib/widget/context';
import { json, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';

/**
 * Articles that may answer a visitor's message: `?q=` the message, `?lang=` the widget's
 * language. Published articles only, which the help centre shows to anyone anyway, so no
 * visitor token is needed; limited per address like the config.
 */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  rateLimit(widgetLimits.config, `articles:${visitorAddress(request)}`);
  const params = new URL(request.url).searchParams;
  const q = (params.get('q') ?? '').slice(0, 500);
  const lang = params.get('lang');
  const articles = await suggestArticles(db, channel.channel.workspaceId, q, lang, originFromHeaders(request.headers, request.url));
  return json({ articles });
});
