import type { NotificationKindName } from '@/lib/notifications/kinds';

/** What the service worker receives (public/sw.js reads these four fields). */
export type PushPayload = { title: string; body: string; url: string; tag: string };

export type PushJob = {
  userId: string;
  /** The one device this job pushes to: a retry then repeats only the device that failed. */
  deviceId: string;
  workspaceId: string;
  kind: NotificationKindName;
  conversationId: string | null;
  /** A ticket's notification (absent in jobs queued before tickets had them). */
  ticketNumber?: number | null;
  title: string;
  body: string | null;
};

// A push service guarantees about 4 KB; one aes128gcm record holds ~3.9 KB of plaintext.
// Titles and bodies are clipped well below that so the JSON always fits.
const TITLE_MAX = 120;
const BODY_MAX = 240;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Where tapping it goes: the ticket, the conversation in the inbox, or the inbox. */
export function pushUrl(workspaceSlug: string, conversationId: string | null, ticketNumber: number | null = null): string {
  const workspace = `/w/${encodeURIComponent(workspaceSlug)}`;
  if (ticketNumber !== null) return `${workspace}/tickets/${ticketNumber}`;
  return conversationId ? `${workspace}/inbox?c=${conversationId}` : `${workspace}/inbox`;
}

/**
 * The small payload for one notification. The tag is the conversation, so a second push
 * about the same conversation replaces the first on the device instead of stacking.
 */
export function buildPushPayload(job: Pick<PushJob, 'kind' | 'conversationId' | 'ticketNumber' | 'title' | 'body'>, workspaceSlug: string): PushPayload {
  return {
    title: clip(job.title, TITLE_MAX),
    body: clip(job.body ?? '', BODY_MAX),
    url: pushUrl(workspaceSlug, job.conversationId, job.ticketNumber ?? null),
    tag: job.conversationId ?? (job.ticketNumber != null ? `baton-ticket-${job.ticketNumber}` : `baton-${job.kind}`),
  };
}

/** Assignments and due reminders are time-critical; the rest can wait for the device's next wake. */
export function pushUrgency(kind: NotificationKindName): 'high' | 'normal' {
  return kind === 'assigned_to_me' || kind === 'reassigned_to_me' || kind === 'reminder_due' || kind === 'sla_breach_soon' ? 'high' : 'normal';
}

/** A notification older than an hour is news no longer: the push service drops it. */
export const PUSH_TTL_SECONDS = 3600;

/** "Chrome on Android": enough for an agent to tell their devices apart in the list. */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /SamsungBrowser\//.test(ua)
        ? 'Samsung Internet'
        : /Firefox\/|FxiOS\//.test(ua)
          ? 'Firefox'
          : /Chrome\/|Chromium\/|CriOS\//.test(ua)
            ? 'Chrome'
            : /Safari\//.test(ua)
              ? 'Safari'
              : 'A browser';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  return system ? `${browser} on ${system}` : browser;
}
