import { getConfig } from '@/lib/config';

/**
 * Where an article is read: its help-centre page. The language is in the link because a
 * slug is only unique within one language.
 */
export function articlePath(workspaceSlug: string, slug: string, locale: string): string {
  return `/help/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(slug)}?lang=${encodeURIComponent(locale)}`;
}

export function helpCentrePath(workspaceSlug: string): string {
  return `/help/${encodeURIComponent(workspaceSlug)}`;
}

/**
 * The app's public origin outside a request (the bot in the inbound worker): the
 * configured AUTH_URL, else the local port. Requests use lib/http/public-origin instead.
 */
export function configuredOrigin(): string {
  const config = getConfig();
  return config.AUTH_URL ? new URL(config.AUTH_URL).origin : `http://localhost:${config.PORT}`;
}
