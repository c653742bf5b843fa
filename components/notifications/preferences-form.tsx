'use client';

import { useEffect, useState, useTransition } from 'react';
import { resetNotificationPreferencesAction, setNotificationPreferenceAction } from '@/app/w/[slug]/notification-actions';
import {
  notificationKindList,
  notificationLabels,
  pushWhenClosed,
  type NotificationChannels,
  type NotificationKindName,
} from '@/lib/notifications/kinds';
import { askBrowserPermission, browserPermission, playChime, type BrowserPermission } from './browser-alerts';

type Preferences = Record<NotificationKindName, NotificationChannels>;

const columns: { key: keyof NotificationChannels; label: string }[] = [
  { key: 'inApp', label: 'In the bell' },
  { key: 'browser', label: 'Browser notification' },
  { key: 'sound', label: 'Sound' },
];

/** One row per kind, three switches each; every change is saved at once. */
// Long: a table of switches saved one at a time; most of it is markup.
export function NotificationPreferencesForm({ workspaceId, initial }: { workspaceId: string; initial: Preferences }) {
  const [prefs, setPrefs] = useState(initial);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [permission, setPermission] = useState<BrowserPermission>('unsupported');

  useEffect(() => setPermission(browserPermission()), []);

  const change = (kind: NotificationKindName, key: keyof NotificationChannels, value: boolean) => {
    const previous = prefs[kind];
    const next = { ...previous, [key]: value };
    if (!next.inApp && !next.browser) next.sound = false;
    setPrefs((p) => ({ ...p, [kind]: next }));
    start(async () => {
      const result = await setNotificationPreferenceAction({ workspaceId, kind, ...next });
      if (result.ok) {
        setPrefs((p) => ({ ...p, [kind]: { inApp: result.data.inApp, browser: result.data.browser, sound: result.data.sound } }));
        setMessage({ kind: 'ok', text: 'Saved.' });
      } else {
        setPrefs((p) => ({ ...p, [kind]: previous }));
        setMessage({ kind: 'error', text: result.error });
      }
    });
  };

  const reset = () =>
    start(async () => {
      const result = await resetNotificationPreferencesAction({ workspaceId });
      if (result.ok) {
        setPrefs(result.data);
        setMessage({ kind: 'ok', text: 'Back to the defaults.' });
      } else setMessage({ kind: 'error', text: result.error });
    });

  return (
    <div className="mt-6 space-y-6">
      <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-medium">Browser notifications</h2>
        {permission === 'granted' && <p className="mt-1 text-slate-600">On for this browser.</p>}
        {permission === 'denied' && <p className="mt-1 text-slate-600">Blocked for this site. Allow notifications in your browser’s site settings to get them.</p>}
        {permission === 'unsupported' && <p className="mt-1 text-slate-600">This browser does not support notifications.</p>}
        {permission === 'default' && (
          <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
            Not turned on for this browser yet.
            <button
              type="button"
              onClick={async () => setPermission(await askBrowserPermission())}
              className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              Turn on browser notifications
            </button>
          </p>
        )}
        <button type="button" onClick={() => playChime(`test:${Date.now()}`)} className="mt-2 text-xs text-brand-600 hover:underline">
          Play the sound
        </button>
      </div>

      <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
        <caption className="sr-only">Notification preferences</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th scope="col" className="px-3 py-2 font-medium">
              When
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="px-3 py-2 text-center font-medium">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {notificationKindList.map((kind) => (
            <tr key={kind} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <span className="block font-medium text-slate-800">{notificationLabels[kind].label}</span>
                <span className="block text-xs text-slate-500">{notificationLabels[kind].description}</span>
                {pushWhenClosed[kind] && <span className="block text-xs text-slate-500">With its browser notification on, also pushed to your devices when Baton is closed.</span>}
              </th>
              {columns.map((c) => (
                <td key={c.key} className="px-3 py-2 text-center">
                  <input
                    type="checkbox"
                    aria-label={`${notificationLabels[kind].label}: ${c.label}`}
                    checked={prefs[kind][c.key]}
                    disabled={pending || (c.key === 'sound' && !prefs[kind].inApp && !prefs[kind].browser)}
                    onChange={(e) => change(kind, c.key, e.target.checked)}
                    className="h-4 w-4"
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <div className="flex items-center gap-3">
        <button type="button" onClick={reset} disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-50">
          Reset to defaults
        </button>
        {message && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={`text-sm ${message.kind === 'error' ? 'text-red-600' : 'text-slate-600'}`}>
            {message.text}
          </p>
        )}
      </div>
    </div>
  );
}
