import { z } from 'zod';
import { suggestArticles } from '@/lib/articles/suggest';
import { originFromHeaders } from '@/lib/http/public-origin';
import { rateLimit, visitorAddress } from '@/lib/widget/context';
import { json, widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';
import { parseInput } from '@/lib/widget/validate';

const suggestionQuery = z.object({
  q: z.string().max(4000).default(''),
  lang: z.string().max(35).optional(),
});

/**
 * Articles that may answer a visitor's message: `?q=` the message, `?lang=` the widget's
 * language. Published articles only, which the help centre shows to anyone anyway, so no
 * visitor token is needed; limited per address like the config.
 */
export const GET = widgetRoute(async ({ request, db, channel }) => {
  rateLimit(widgetLimits.config, `articles:${visitorAddress(request)}`);
  const { q, lang } = parseInput(suggestionQuery, Object.fromEntries(new URL(request.url).searchParams));
  const articles = await suggestArticles(db, channel.channel.workspaceId, q, lang ?? null, originFromHeaders(request.headers, request.url));
  return json({ articles });
});
