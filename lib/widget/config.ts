import { agentPictures } from './agent-pictures';
import type { DbOrTx } from '@/db/client';
import type { WidgetChannel } from './context';
import { helpCentreLink } from '@/lib/articles/suggest';
import { mailConfigured } from '@/lib/mail/settings';
import { widgetLiveState } from './live-state';
import { presentWidgetConfig } from './present';
import { readWidgetSettings } from './settings';
import type { WidgetConfig } from './types';

/** A browser language tag as sent by the loader or the Accept-Language header, or null. */
export function browserLanguageOf(value: string | null | undefined): string | null {
  const first = (value ?? '').split(',')[0].split(';')[0].trim();
  return /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/.test(first) ? first : null;
}

/** The widget's config now: the saved settings with the moment's availability and reply time. */
export async function liveWidgetConfig(db: DbOrTx, channel: WidgetChannel, browserLanguage: string | null): Promise<WidgetConfig> {
  const settings = readWidgetSettings(channel.channel.settings);
  const [live, helpCentreUrl, agents, mailReady] = await Promise.all([
    widgetLiveState(db, channel.channel.workspaceId, settings, { browserLanguage }),
    helpCentreLink(db, channel.channel.workspaceId),
    settings.agentDisplay === 'pictures' ? agentPictures(db, channel) : [],
    settings.transcriptEmail ? mailConfigured(db, channel.channel.workspaceId) : false,
  ]);
  return presentWidgetConfig(channel.channel.externalId, settings, { ...live, helpCentreUrl, agents, mailReady });
}
