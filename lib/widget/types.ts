// Shapes the widget's browser code receives. Client-safe: no server imports.

import type { ContactCard } from '@/channels/types';
import type { WidgetLanguage, WidgetStrings } from './i18n';
import type { FlowFormView } from './forms/views';

export type WidgetPosition = 'right' | 'left';
export type WidgetLauncherIcon = 'chat' | 'help' | 'message' | 'headset';
export type WidgetTheme = 'light' | 'dark' | 'auto';

/** The public part of a web channel's settings: what the loader and the widget page show. */
export type WidgetConfig = {
  token: string;
  title: string;
  subtitle: string;
  greeting: string;
  color: string;
  /** Black or white, whichever reads better on `color`. */
  textColor: string;
  position: WidgetPosition;
  /** Pixels from the side and from the bottom of the page. */
  offsetX: number;
  offsetY: number;
  icon: WidgetLauncherIcon;
  /** Text beside the launcher's icon; empty for an icon only. */
  label: string;
  /** 'shop': replies show the shop's name (and logo) instead of agents' names; 'pictures': agents' names, and their pictures in the header. */
  agentDisplay: 'agents' | 'pictures' | 'shop';
  /** With 'pictures': a few of the team's first names and picture links (served by /api/widget/{token}/agents/…). */
  agents: { name: string; picture: string }[];
  /** A small image as a data: URL (the widget loads nothing from elsewhere), or null. The loader never gets it. */
  logo: string | null;
  theme: WidgetTheme;
  language: WidgetLanguage;
  /** The widget's own texts in `language`. */
  strings: WidgetStrings;
  /** "Usually replies …", already in `language`; null for none. */
  replyTime: string | null;
  /** Open by the business hours (when followed) and someone online to answer. */
  available: boolean;
  /** Shown at the top when not available. */
  awayMessage: string;
  /** When not available: the offline form, or the chat as usual. */
  offlineMode: 'form' | 'chat';
  /** When not available: whether the loader still shows the launcher. */
  hideWhenUnavailable: boolean;
  /** The shop's help centre (a path on the app's origin) when it has published articles; null for none. */
  helpCentreUrl: string | null;
  /** "Email me the transcript": the channel offers it and the shop can send email. */
  transcriptEmail: boolean;
  /** Visits are recorded (the shop opted in): the widget says so, with the shop's own text (or null). */
  recording: { shopNotice: string | null } | null;
  /** Agents may call the visitor: the chat listens for a ringing call. */
  calls: boolean;
  /** Agents may ask to see the visitor's page (the consent card; the loader's co-browsing script on acceptance). */
  cobrowse: boolean;
};

export type WidgetAttachmentView = {
  kind: 'image' | 'video' | 'audio' | 'file' | 'sticker';
  /** http(s) or a path under /api/widget/ on the app's origin. */
  url: string;
  name: string | null;
  mimeType: string | null;
  size: number | null;
};

export type WidgetButtonView = { type: 'postback'; title: string; payload: string } | { type: 'link'; title: string; url: string };

export type WidgetProductView = {
  name: string;
  price: string | null;
  description: string | null;
  imageUrl: string | null;
  url: string | null;
  buyPayload: string | null;
};

/** A knowledge-base article sent in the chat: opens the help centre page in a new tab. */
export type WidgetArticleView = { title: string; excerpt: string | null; url: string };

/** One message as the visitor sees it. Everything is text or a vetted URL, never HTML. */
export type WidgetMessageView = {
  id: string;
  /** The id the widget gave its own message (idempotency key), null for replies. */
  clientId: string | null;
  from: 'visitor' | 'agent' | 'bot';
  authorName: string | null;
  createdAt: string;
  /** Insertion order: messages written in one transaction share createdAt, and seq keeps them in the order they were written. */
  seq: number;
  /** Visitor's messages: sent (stored) or read (an agent has read past it). Replies: sent/delivered/read by the visitor. */
  status: 'sent' | 'delivered' | 'read';
  text: string | null;
  attachments: WidgetAttachmentView[];
  quickReplies: { title: string; payload: string }[];
  buttons: WidgetButtonView[];
  product: WidgetProductView | null;
  article: WidgetArticleView | null;
  location: { latitude: number; longitude: number; name: string | null; address: string | null; mapUrl: string } | null;
  contact: ContactCard | null;
};

export type WidgetVisitorView = {
  /** The contact identity's uuid: the realtime channel is private-visitor-{identityId}. */
  identityId: string;
  name: string;
  email: string | null;
  verified: boolean;
};

export type WidgetSessionResponse = {
  visitorToken: string;
  visitor: WidgetVisitorView;
  /** True when the token sent was missing, expired or for another visitor, and a new visitor was made. */
  created: boolean;
  /** When the channel records visits: the upload-only token the widget hands to the loader's recorder. */
  recordingToken?: string;
};

export type WidgetHistoryResponse = {
  messages: WidgetMessageView[];
  /** Pass as `before` to load older messages; null when there are none. */
  olderCursor: string | null;
  /** The newest page only: the form the visitor's bot flow waits on, shown instead of the composer. */
  flowForm: FlowFormView | null;
};

export type WidgetErrorBody = { error: string; code: string; fieldErrors?: Record<string, string[]> };

/** Upload limits, checked in the browser for a quick answer and again on the server. */
export const WIDGET_UPLOAD_LIMITS = {
  imageBytes: 4 * 1024 * 1024,
  fileBytes: 10 * 1024 * 1024,
  imageTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  fileTypes: [
    'application/pdf',
    'text/plain',
    'text/csv',
    'application/zip',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'video/mp4',
    'video/quicktime',
    'audio/mpeg',
    'audio/mp4',
    'audio/ogg',
    'audio/wav',
  ],
} as const;

export const WIDGET_TEXT_MAX = 4000;
