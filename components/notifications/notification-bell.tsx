'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppBadge } from '@/components/pwa/app-badge';
import {
  listNotificationsAction,
  markAllNotificationsReadAction,
  markNotificationsReadAction,
} from '@/app/w/[slug]/notification-actions';
import { useRealtime } from '@/components/realtime/realtime-provider';
import { RelativeTime } from '@/components/ui/relative-time';
import {
  NOTIFICATION_CREATED_EVENT,
  NOTIFICATIONS_READ_EVENT,
  type NotificationEventPayload,
  type NotificationItem,
} from '@/lib/notifications/kinds';
import { realtimeChannels } from '@/lib/realtime/channels';
import { askBrowserPermission, browserPermission, isInBackground, playChime, showBrowserNotification, type BrowserPermission } from './browser-alerts';
import { Bell, Check } from 'lucide-react';

type Props = {
  workspaceId: string;
  userId: string;
  /** `/w/{slug}/inbox`: entries link to `?c={conversationId}` there, a ticket's to `/w/{slug}/tickets/{number}`. */
  inboxPath: string;
  preferencesHref: string;
  /** Unread count rendered by the server, so the badge is right before the list loads. */
  initialUnread: number;
};

type ReadEvent = { workspaceId: string; ids: string[] | 'all' };

/**
 * The bell (top right): unread count, the newest entries with mark read / mark all read,
 * live through `private-user-{id}`. When the tab is in the background it also shows a
 * browser notification and plays a short sound, as the agent's preferences say.
 */
// Long: the list, its live events, the browser notification and the sound share the unread state; the menu markup is most of it.
export function NotificationBell({ workspaceId, userId, inboxPath, preferencesHref, initialUnread }: Props) {
  const pusher = useRealtime();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItem[] | null>(null);
  const [unread, setUnread] = useState(initialUnread);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [permission, setPermission] = useState<BrowserPermission>('unsupported');
  const root = useRef<HTMLDivElement>(null);
  useAppBadge(unread);
  const hrefFor = useCallback(
    (conversationId: string | null, ticketNumber: number | null = null) =>
      ticketNumber != null ? `${inboxPath.replace(/\/inbox$/, '/tickets')}/${ticketNumber}` : conversationId ? `${inboxPath}?c=${conversationId}` : null,
    [inboxPath],
  );

  const load = useCallback(async () => {
    const result = await listNotificationsAction({ workspaceId });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setItems(result.data.items);
    setUnread(result.data.unread);
    setNextCursor(result.data.nextCursor);
  }, [workspaceId]);

  useEffect(() => setPermission(browserPermission()), []);

  // Live: new entries and reads (from this agent's other tabs), refetching after a reconnect.
  const onCreated = useRef<(data: NotificationEventPayload) => void>(() => undefined);
  onCreated.current = (data) => {
    if (data.workspaceId !== workspaceId) return;
    if (data.id) {
      const item: NotificationItem = { id: data.id, kind: data.kind, conversationId: data.conversationId, ticketNumber: data.ticketNumber ?? null, title: data.title, body: data.body, createdAt: data.createdAt, read: false };
      setItems((current) => (current && !current.some((i) => i.id === item.id) ? [item, ...current] : current));
      setUnread((n) => n + 1);
    }
    if (!isInBackground()) return;
    const key = data.id ?? `${data.kind}:${data.conversationId}:${data.createdAt}`;
    if (data.browser) showBrowserNotification({ key, title: data.title, body: data.body, href: hrefFor(data.conversationId, data.ticketNumber ?? null) });
    if (data.sound) playChime(key);
  };
  const onRead = useRef<(data: ReadEvent) => void>(() => undefined);
  onRead.current = (data) => {
    if (data.workspaceId !== workspaceId) return;
    if (data.ids === 'all') {
      setItems((current) => current?.map((i) => ({ ...i, read: true })) ?? current);
      setUnread(0);
    } else {
      void load();
    }
  };

  useEffect(() => {
    if (!pusher) return;
    const name = realtimeChannels.user(userId);
    const channel = pusher.subscribe(name);
    const created = (data: NotificationEventPayload) => onCreated.current(data);
    const read = (data: ReadEvent) => onRead.current(data);
    const subscribed = () => setLive(true);
    channel.bind(NOTIFICATION_CREATED_EVENT, created);
    channel.bind(NOTIFICATIONS_READ_EVENT, read);
    channel.bind('pusher:subscription_succeeded', subscribed);
    if (channel.subscribed) setLive(true);
    let wasConnected = pusher.connection.state === 'connected';
    const onState = ({ current }: { current: string }) => {
      if (current === 'connected' && !wasConnected) void load(); // missed events while away
      wasConnected = current === 'connected';
      if (current !== 'connected') setLive(false);
    };
    pusher.connection.bind('state_change', onState);
    return () => {
      channel.unbind(NOTIFICATION_CREATED_EVENT, created);
      channel.unbind(NOTIFICATIONS_READ_EVENT, read);
      channel.unbind('pusher:subscription_succeeded', subscribed);
      pusher.connection.unbind('state_change', onState);
      pusher.unsubscribe(name);
      setLive(false);
    };
  }, [pusher, userId, load]);

  // Close on a click outside or Escape.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) void load();
  };

  const markOne = async (id: string) => {
    const item = items?.find((i) => i.id === id);
    if (!item || item.read) return;
    setItems((current) => current?.map((i) => (i.id === id ? { ...i, read: true } : i)) ?? current);
    setUnread((n) => Math.max(0, n - 1));
    const result = await markNotificationsReadAction({ workspaceId, ids: id });
    if (result.ok) setUnread(result.data.unread);
    else setError(result.error);
  };

  const markAll = async () => {
    setItems((current) => current?.map((i) => ({ ...i, read: true })) ?? current);
    setUnread(0);
    const result = await markAllNotificationsReadAction({ workspaceId });
    if (result.ok) setUnread(result.data.unread);
    else setError(result.error);
  };

  const more = async () => {
    if (!nextCursor) return;
    const result = await listNotificationsAction({ workspaceId, cursor: nextCursor });
    if (!result.ok) return setError(result.error);
    setItems((current) => [...(current ?? []), ...result.data.items.filter((i) => !current?.some((c) => c.id === i.id))]);
    setNextCursor(result.data.nextCursor);
  };

  const enableBrowser = async () => setPermission(await askBrowserPermission());

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <div ref={root} className="relative" data-testid="notification-bell" data-live={live ? 'true' : 'false'} data-unread={unread}>
      <button
        type="button"
        aria-label={label}
        aria-haspopup="true"
        aria-expanded={open}
        onClick={toggle}
        className="relative flex h-8 w-8 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <Bell className="size-5" strokeWidth={1.8} />
        {unread > 0 && (
          <span
            data-testid="notification-count"
            className="absolute -right-0.5 -top-0.5 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-[1.1rem] text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>

      {open && (
        <div
          role="region"
          aria-label="Notifications"
          // On phones the bell is not at the screen's edge: the panel spans the screen under the header there.
          className="fixed inset-x-3 top-14 z-50 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg sm:absolute sm:inset-x-auto sm:right-0 sm:top-auto sm:mt-2 sm:w-80"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            <button type="button" onClick={markAll} disabled={unread === 0} className="text-xs font-medium text-brand-600 hover:underline disabled:text-slate-400 disabled:no-underline">
              Mark all read
            </button>
          </div>
          {permission === 'default' && (
            <div className="flex items-center justify-between gap-2 border-b border-slate-100 bg-slate-50 px-3 py-2 text-xs text-slate-600">
              <span>Get alerts while Baton is in the background.</span>
              <button type="button" onClick={enableBrowser} className="shrink-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
                Turn on
              </button>
            </div>
          )}
          {permission === 'denied' && (
            <p className="border-b border-slate-100 bg-slate-50 px-3 py-2 text-xs text-slate-500">Browser notifications are blocked for this site in your browser settings.</p>
          )}
          {error && (
            <p role="alert" className="px-3 py-2 text-xs text-red-600">
              {error}
            </p>
          )}
          <ul aria-label="Notification list" className="max-h-96 overflow-y-auto">
            {items === null && <li className="px-3 py-4 text-center text-sm text-slate-500">Loading…</li>}
            {items?.length === 0 && <li className="px-3 py-6 text-center text-sm text-slate-500">Nothing yet.</li>}
            {items?.map((item) => {
              const href = hrefFor(item.conversationId, item.ticketNumber);
              const text = (
                <>
                  <span className={`block truncate text-sm ${item.read ? 'text-slate-600' : 'font-semibold text-slate-900'}`}>{item.title}</span>
                  {item.body && <span className="block truncate text-xs text-slate-500">{item.body}</span>}
                  <span className="block text-[11px] text-slate-400">
                    <RelativeTime iso={item.createdAt} />
                  </span>
                </>
              );
              return (
                <li key={item.id} data-testid="notification-item" data-read={item.read ? 'true' : 'false'} className={`flex items-start gap-2 border-b border-slate-100 px-3 py-2 last:border-0 ${item.read ? '' : 'bg-brand-50/60'}`}>
                  <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.read ? 'bg-transparent' : 'bg-brand-600'}`} />
                  {href ? (
                    <Link
                      href={href}
                      onClick={() => {
                        void markOne(item.id);
                        setOpen(false);
                      }}
                      className="min-w-0 flex-1 hover:underline"
                    >
                      {text}
                    </Link>
                  ) : (
                    <div className="min-w-0 flex-1">{text}</div>
                  )}
                  {!item.read && (
                    <button
                      type="button"
                      onClick={() => void markOne(item.id)}
                      aria-label={`Mark “${item.title}” read`}
                      title="Mark read"
                      className="shrink-0 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
                    >
                      <Check className="size-3.5" />
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="flex items-center justify-between border-t border-slate-100 px-3 py-2 text-xs">
            <Link href={preferencesHref} onClick={() => setOpen(false)} className="text-slate-600 hover:underline">
              Notification settings
            </Link>
            {nextCursor && (
              <button type="button" onClick={more} className="font-medium text-brand-600 hover:underline">
                Older
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
