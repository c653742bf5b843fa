'use client';

import { useEffect, useState, useTransition } from 'react';
import { Smartphone } from 'lucide-react';
import { disablePushOnThisDeviceAction, removePushDeviceAction, savePushSubscriptionAction } from '@/app/w/[slug]/push-actions';
import { currentSubscription, PushSetupError, pushSupported, subscribeThisDevice } from '@/components/pwa/push-client';
import { SecondaryButton } from '@/components/ui/form-kit';
import { RelativeTime } from '@/components/ui/relative-time';
import type { PushDevice } from '@/lib/push/subscriptions';

type Status = { kind: 'ok' | 'error'; text: string } | null;

/**
 * "This device": turn Web Push on or off for the browser in hand, and the list of every
 * device where the agent turned it on (browser, last push), each removable.
 */
// Long: the device's own state, the list and their messages belong together; most is markup.
export function PushDeviceSection({ workspaceId, vapidPublicKey, initialDevices }: { workspaceId: string; vapidPublicKey: string | null; initialDevices: PushDevice[] }) {
  const [devices, setDevices] = useState(initialDevices);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [supported, setSupported] = useState(true);
  const [status, setStatus] = useState<Status>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    setSupported(pushSupported());
    void currentSubscription()
      .then((s) => setEndpoint(s?.endpoint ?? null))
      .catch(() => setEndpoint(null));
  }, []);

  const thisDeviceOn = endpoint !== null && devices.some((d) => d.endpoint === endpoint);

  const enable = () =>
    start(async () => {
      setStatus(null);
      if (!vapidPublicKey) return setStatus({ kind: 'error', text: 'Push notifications are not set up on this server.' });
      try {
        const subscription = await subscribeThisDevice(vapidPublicKey);
        const result = await savePushSubscriptionAction({ workspaceId, endpoint: subscription.endpoint, keys: subscription.keys });
        if (!result.ok) return setStatus({ kind: 'error', text: result.error });
        setEndpoint(subscription.endpoint ?? null);
        setDevices((list) => [
          { id: result.data.id, label: result.data.label, endpoint: subscription.endpoint!, createdAt: result.data.createdAt, lastUsedAt: null },
          ...list.filter((d) => d.endpoint !== subscription.endpoint),
        ]);
        setStatus({ kind: 'ok', text: 'Push notifications are on for this device.' });
      } catch (error) {
        setStatus({ kind: 'error', text: error instanceof PushSetupError ? error.message : 'Push notifications could not be turned on. Please try again.' });
      }
    });

  const disable = () =>
    start(async () => {
      setStatus(null);
      const subscription = await currentSubscription().catch(() => null);
      const gone = endpoint;
      await subscription?.unsubscribe().catch(() => false);
      if (gone) {
        const result = await disablePushOnThisDeviceAction({ workspaceId, endpoint: gone });
        if (!result.ok) return setStatus({ kind: 'error', text: result.error });
      }
      setEndpoint(null);
      setDevices((list) => list.filter((d) => d.endpoint !== gone));
      setStatus({ kind: 'ok', text: 'Push notifications are off for this device.' });
    });

  const remove = (device: PushDevice) =>
    start(async () => {
      setStatus(null);
      const result = await removePushDeviceAction({ workspaceId, id: device.id });
      if (!result.ok) return setStatus({ kind: 'error', text: result.error });
      setDevices((list) => list.filter((d) => d.id !== device.id));
      if (device.endpoint === endpoint) await (await currentSubscription().catch(() => null))?.unsubscribe().catch(() => false);
      setStatus({ kind: 'ok', text: `Removed ${device.label}.` });
    });

  return (
    <section aria-labelledby="push-devices-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="push-devices-heading" className="font-medium">
        This device
      </h2>
      <p className="mt-1 text-slate-600">
        Push notifications reach this phone or computer when Baton is closed there, for the kinds below that have “Browser notification” on.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {!supported ? (
          <p className="text-slate-600">This browser cannot receive push notifications. On an iPhone, add Baton to the Home Screen first.</p>
        ) : thisDeviceOn ? (
          <>
            <span className="text-slate-700">On for this device.</span>
            <SecondaryButton onClick={disable} disabled={pending}>
              Turn off on this device
            </SecondaryButton>
          </>
        ) : (
          <SecondaryButton onClick={enable} disabled={pending}>
            Turn on push for this device
          </SecondaryButton>
        )}
      </div>
      <p role="status" className={`mt-2 min-h-5 ${status?.kind === 'error' ? 'text-red-600' : 'text-slate-600'}`}>
        {status?.text}
      </p>

      <h3 className="mt-4 font-medium">Your devices</h3>
      {devices.length === 0 ? (
        <p className="mt-1 text-slate-600">No device gets push notifications yet.</p>
      ) : (
        <ul aria-label="Devices with push notifications" className="mt-2 divide-y divide-slate-100">
          {devices.map((device) => (
            <li key={device.id} className="flex min-h-11 items-center gap-3 py-2">
              <Smartphone aria-hidden className="h-4 w-4 shrink-0 text-slate-400" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-slate-800">
                  {device.label}
                  {device.endpoint === endpoint && <span className="ml-1 text-xs text-slate-500">(this device)</span>}
                </p>
                <p className="text-xs text-slate-500">
                  Added <RelativeTime iso={device.createdAt} /> ·{' '}
                  {device.lastUsedAt ? (
                    <>
                      last push <RelativeTime iso={device.lastUsedAt} />
                    </>
                  ) : (
                    'no push yet'
                  )}
                </p>
              </div>
              <button
                type="button"
                onClick={() => remove(device)}
                disabled={pending}
                aria-label={`Remove ${device.label}`}
                className="min-h-11 rounded-md px-3 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 disabled:opacity-60"
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
