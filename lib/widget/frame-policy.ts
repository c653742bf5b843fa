import type { DbOrTx } from '@/db/client';
import { findWidgetChannel } from './context';
import { frameAncestors, originAllowed } from './origins';
import { readWidgetSettings } from './settings';

/**
 * Who may frame the widget page of a channel token (frame-ancestors sources): the channel's
 * allowed sites may frame it (none listed = any site); an unknown or disabled channel
 * may be framed by nobody.
 */
export async function widgetFramePolicy(db: DbOrTx, token: string): Promise<string> {
  const channel = await findWidgetChannel(db, token);
  return frameAncestors(channel ? readWidgetSettings(channel.channel.settings).allowedOrigins : null);
}

/** CORS answer for the loader's config request from the shop's page. */
export function corsHeaders(origin: string | null, allowedOrigins: readonly string[]): Record<string, string> | null {
  if (!origin) return {};
  if (!originAllowed(origin, allowedOrigins)) return null;
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}
