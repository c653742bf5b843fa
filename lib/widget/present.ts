import { resolveWidgetLanguage, widgetStrings } from './i18n';
import type { ReplyTimeKey } from './reply-time';
import { readableTextColor } from './colors';
import type { WidgetSettings } from './settings-shape';
import type { WidgetConfig } from './types';

// What the widget shows for a channel's settings and the moment's state (open, someone
// online, how fast the shop answers). Client-safe: the settings page's live preview builds
// the same config from the draft that the widget page builds from the saved settings.

export type WidgetLiveState = {
  /** Open by the business hours (when followed) and someone online to answer. */
  available: boolean;
  replyTime: ReplyTimeKey | null;
  /** The visitor's browser language (navigator.language), when known. */
  browserLanguage: string | null;
  /** The help centre's path when the shop has published articles. */
  helpCentreUrl?: string | null;
  /** With agentDisplay 'pictures': the team's faces for the header. */
  agents?: { name: string; picture: string }[];
  /** Whether the shop's SMTP server is set up (the transcript button needs it). */
  mailReady?: boolean;
};

export function presentWidgetConfig(token: string, s: WidgetSettings, live: WidgetLiveState): WidgetConfig {
  const language = resolveWidgetLanguage(s.language, s.followBrowserLanguage, live.browserLanguage);
  const strings = widgetStrings(language);
  return {
    token,
    title: s.title,
    subtitle: s.subtitle,
    greeting: s.greeting,
    color: s.color,
    textColor: readableTextColor(s.color),
    position: s.position,
    offsetX: s.offsetX,
    offsetY: s.offsetY,
    icon: s.icon,
    label: s.label,
    agentDisplay: s.agentDisplay,
    agents: s.agentDisplay === 'pictures' ? (live.agents ?? []) : [],
    logo: s.logo || null,
    theme: s.theme,
    language,
    strings,
    replyTime: live.replyTime ? strings[live.replyTime] : null,
    available: live.available,
    awayMessage: s.awayMessage || strings.awayDefault,
    offlineMode: s.offlineMode,
    hideWhenUnavailable: s.hideWhenUnavailable,
    helpCentreUrl: live.helpCentreUrl ?? null,
    transcriptEmail: s.transcriptEmail && (live.mailReady ?? false),
    recording: s.recordings ? { shopNotice: s.recordingNotice || null } : null,
    calls: s.calls,
    cobrowse: s.cobrowse,
  };
}

/** What the loader on the shop's page needs: the launcher's look, its labels, and whether to show it. */
export function loaderConfig(c: WidgetConfig) {
  return {
    token: c.token,
    title: c.title,
    color: c.color,
    textColor: c.textColor,
    position: c.position,
    offsetX: c.offsetX,
    offsetY: c.offsetY,
    icon: c.icon,
    label: c.label,
    language: c.language,
    available: c.available,
    hideWhenUnavailable: c.hideWhenUnavailable,
    /** The loader fetches the recorder (public/widget-record.js) only when visits are recorded. */
    recording: c.recording !== null,
    texts: { openChat: c.strings.openChat, closeChat: c.strings.closeChat, unreadOne: c.strings.unreadOne, unreadMany: c.strings.unreadMany },
  };
}

export type LoaderConfig = ReturnType<typeof loaderConfig>;
