import { z } from 'zod';
import { WIDGET_LANGUAGES, type WidgetLanguage } from './i18n';
import { normalizeOrigin } from './origins';
import type { WidgetLauncherIcon, WidgetPosition, WidgetTheme } from './types';

// The widget's settings live in the web channel's `settings` jsonb (public by design:
// nothing here is secret). Reads are lenient (old or hand-edited rows still render);
// writes go through the strict schema below. Client-safe: the settings form and its
// preview use the same shape; the database side is settings.ts.

export const WIDGET_ICONS = ['chat', 'help', 'message', 'headset'] as const satisfies readonly WidgetLauncherIcon[];
export const WIDGET_THEMES = ['light', 'dark', 'auto'] as const satisfies readonly WidgetTheme[];
export const REPLY_TIMES = ['none', 'minutes', 'hour', 'day', 'computed'] as const;
export type ReplyTimeSetting = (typeof REPLY_TIMES)[number];

export const WIDGET_LIMITS = {
  title: 60,
  subtitle: 100,
  greeting: 500,
  label: 30,
  awayMessage: 300,
  offsetMax: 200,
  /** A logo is stored inline (data: URL): keep it small. */
  logoBytes: 48 * 1024,
  recordingNotice: 300,
  retentionDaysMin: 1,
  retentionDaysMax: 365,
} as const;

export type WidgetSettings = {
  title: string;
  subtitle: string;
  greeting: string;
  color: string;
  position: WidgetPosition;
  offsetX: number;
  offsetY: number;
  icon: WidgetLauncherIcon;
  label: string;
  /** 'pictures': agents' names, and their profile pictures in the chat's header. */
  agentDisplay: 'agents' | 'pictures' | 'shop';
  /** data:image/…;base64 URL, or '' for none. */
  logo: string;
  theme: WidgetTheme;
  replyTime: ReplyTimeSetting;
  language: WidgetLanguage;
  followBrowserLanguage: boolean;
  followBusinessHours: boolean;
  hideWhenUnavailable: boolean;
  awayMessage: string;
  offlineMode: 'form' | 'chat';
  /** "Email me the transcript" in the chat (shown only when the shop's SMTP is set up too). */
  transcriptEmail: boolean;
  /** Record visitors' sessions on the shop's pages (rrweb, inputs masked): off unless the shop opts in. */
  recordings: boolean;
  /** The shop's own privacy text, shown to the visitor after the standard notice. */
  recordingNotice: string;
  /** Recordings older than this are deleted by the retention job. */
  recordingRetentionDays: number;
  /** Agents may call the visitor (video or voice, in the chat): off unless the shop opts in. */
  calls: boolean;
  /** Agents may ask to see the visitor's page live (co-browsing, with the visitor's consent): off unless the shop opts in. */
  cobrowse: boolean;
  allowedOrigins: string[];
};

export const WIDGET_DEFAULTS: Omit<WidgetSettings, 'allowedOrigins'> = {
  title: 'Chat with us',
  subtitle: '',
  greeting: 'Hi there 👋 How can we help?',
  color: '#2f6fed',
  position: 'right',
  offsetX: 20,
  offsetY: 20,
  icon: 'chat',
  label: '',
  agentDisplay: 'agents',
  logo: '',
  theme: 'light',
  replyTime: 'none',
  language: 'en',
  followBrowserLanguage: false,
  // Off by default: the chat behaves as it did before a shop chose otherwise.
  followBusinessHours: false,
  hideWhenUnavailable: false,
  awayMessage: '',
  offlineMode: 'chat',
  transcriptEmail: false,
  recordings: false,
  recordingNotice: '',
  recordingRetentionDays: 30,
  calls: false,
  cobrowse: false,
};

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const LOGO = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
/** Base64 of `logoBytes` bytes, plus the data: prefix. */
const LOGO_MAX_CHARS = Math.ceil(WIDGET_LIMITS.logoBytes / 3) * 4 + 40;

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T =>
  (values as readonly unknown[]).includes(value) ? (value as T) : fallback;

/** The settings of a web channel row, with defaults for anything missing or malformed. */
export function readWidgetSettings(settings: Record<string, unknown> | null | undefined): WidgetSettings {
  const s = settings ?? {};
  const d = WIDGET_DEFAULTS;
  const text = (value: unknown, fallback: string, max: number) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : fallback);
  const offset = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= WIDGET_LIMITS.offsetMax ? value : fallback;
  const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  const origins = Array.isArray(s.allowedOrigins) ? s.allowedOrigins : [];
  return {
    title: text(s.title, d.title, WIDGET_LIMITS.title),
    subtitle: text(s.subtitle, '', WIDGET_LIMITS.subtitle),
    greeting: text(s.greeting, d.greeting, WIDGET_LIMITS.greeting),
    color: typeof s.color === 'string' && HEX_COLOR.test(s.color) ? s.color.toLowerCase() : d.color,
    position: s.position === 'left' ? 'left' : 'right',
    offsetX: offset(s.offsetX, d.offsetX),
    offsetY: offset(s.offsetY, d.offsetY),
    icon: oneOf(WIDGET_ICONS, s.icon, d.icon),
    label: text(s.label, '', WIDGET_LIMITS.label),
    agentDisplay: s.agentDisplay === 'shop' || s.agentDisplay === 'pictures' ? s.agentDisplay : 'agents',
    logo: typeof s.logo === 'string' && s.logo.length <= LOGO_MAX_CHARS && LOGO.test(s.logo) ? s.logo : '',
    theme: oneOf(WIDGET_THEMES, s.theme, d.theme),
    replyTime: oneOf(REPLY_TIMES, s.replyTime, d.replyTime),
    language: oneOf(WIDGET_LANGUAGES, s.language, d.language),
    followBrowserLanguage: flag(s.followBrowserLanguage, d.followBrowserLanguage),
    followBusinessHours: flag(s.followBusinessHours, d.followBusinessHours),
    hideWhenUnavailable: flag(s.hideWhenUnavailable, d.hideWhenUnavailable),
    awayMessage: text(s.awayMessage, '', WIDGET_LIMITS.awayMessage),
    offlineMode: s.offlineMode === 'form' ? 'form' : 'chat',
    transcriptEmail: flag(s.transcriptEmail, d.transcriptEmail),
    recordings: flag(s.recordings, d.recordings),
    recordingNotice: text(s.recordingNotice, '', WIDGET_LIMITS.recordingNotice),
    recordingRetentionDays:
      typeof s.recordingRetentionDays === 'number' &&
      Number.isInteger(s.recordingRetentionDays) &&
      s.recordingRetentionDays >= WIDGET_LIMITS.retentionDaysMin &&
      s.recordingRetentionDays <= WIDGET_LIMITS.retentionDaysMax
        ? s.recordingRetentionDays
        : d.recordingRetentionDays,
    calls: flag(s.calls, d.calls),
    cobrowse: flag(s.cobrowse, d.cobrowse),
    allowedOrigins: origins.flatMap((o) => {
      const n = typeof o === 'string' ? normalizeOrigin(o) : null;
      return n ? [n] : [];
    }),
  };
}

const originsField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const entries = (Array.isArray(value) ? value : (value ?? '').split(/[\s,]+/)).map((v) => v.trim()).filter(Boolean);
    const out: string[] = [];
    for (const entry of entries) {
      const origin = normalizeOrigin(entry);
      if (!origin) {
        ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 80)}" is not a site address like https://shop.example.com` });
        return z.NEVER;
      }
      if (!out.includes(origin)) out.push(origin);
    }
    if (out.length > 20) {
      ctx.addIssue({ code: 'custom', message: 'List at most 20 sites' });
      return z.NEVER;
    }
    return out;
  });

/** A form's checkbox: "on" when ticked, absent when not; JSON callers send booleans. */
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

const offset = (what: string) =>
  z.coerce
    .number(`Enter the ${what} offset in pixels`)
    .int(`The ${what} offset is a whole number of pixels`)
    .min(0, `The ${what} offset cannot be negative`)
    .max(WIDGET_LIMITS.offsetMax, `Keep the ${what} offset at most ${WIDGET_LIMITS.offsetMax} px`);

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} under ${max} characters`)
    .optional()
    .transform((v) => v ?? '');

export const widgetSettingsInput = z.object({
  channelId: z.uuid('Unknown channel'),
  title: z.string().trim().min(1, 'Enter a title').max(WIDGET_LIMITS.title, `Keep the title under ${WIDGET_LIMITS.title} characters`),
  subtitle: optionalText(WIDGET_LIMITS.subtitle, 'subtitle'),
  greeting: z.string().trim().min(1, 'Enter a greeting').max(WIDGET_LIMITS.greeting, `Keep the greeting under ${WIDGET_LIMITS.greeting} characters`),
  color: z.string().trim().regex(HEX_COLOR, 'Choose a colour like #0f766e'),
  position: z.enum(['right', 'left'], 'Choose left or right'),
  offsetX: offset('side').default(WIDGET_DEFAULTS.offsetX),
  offsetY: offset('bottom').default(WIDGET_DEFAULTS.offsetY),
  icon: z.enum(WIDGET_ICONS, 'Choose one of the launcher icons').default(WIDGET_DEFAULTS.icon),
  label: optionalText(WIDGET_LIMITS.label, 'launcher label'),
  agentDisplay: z.enum(['agents', 'pictures', 'shop'], 'Choose how replies are signed').default('agents'),
  logo: z
    .string()
    .max(LOGO_MAX_CHARS, `Choose a logo of at most ${WIDGET_LIMITS.logoBytes / 1024} KB`)
    .refine((v) => v === '' || LOGO.test(v), 'The logo must be a PNG, JPEG, GIF or WebP image')
    .optional()
    .transform((v) => v ?? ''),
  theme: z.enum(WIDGET_THEMES, 'Choose light, dark or automatic').default(WIDGET_DEFAULTS.theme),
  replyTime: z.enum(REPLY_TIMES, 'Choose a reply time').default(WIDGET_DEFAULTS.replyTime),
  language: z.enum(WIDGET_LANGUAGES, `Choose one of the languages: ${WIDGET_LANGUAGES.join(', ')}`).default(WIDGET_DEFAULTS.language),
  followBrowserLanguage: checkbox,
  followBusinessHours: checkbox,
  hideWhenUnavailable: checkbox,
  awayMessage: optionalText(WIDGET_LIMITS.awayMessage, 'away message'),
  offlineMode: z.enum(['form', 'chat'], 'Choose what visitors see when nobody is available').default(WIDGET_DEFAULTS.offlineMode),
  transcriptEmail: checkbox,
  recordings: checkbox,
  recordingNotice: optionalText(WIDGET_LIMITS.recordingNotice, 'privacy text'),
  recordingRetentionDays: z.coerce
    .number('Enter how many days to keep recordings')
    .int('Keep recordings a whole number of days')
    .min(WIDGET_LIMITS.retentionDaysMin, `Keep recordings at least ${WIDGET_LIMITS.retentionDaysMin} day`)
    .max(WIDGET_LIMITS.retentionDaysMax, `Keep recordings at most ${WIDGET_LIMITS.retentionDaysMax} days`)
    .default(WIDGET_DEFAULTS.recordingRetentionDays),
  calls: checkbox,
  cobrowse: checkbox,
  allowedOrigins: originsField,
});

export type WidgetSettingsInput = z.infer<typeof widgetSettingsInput>;

