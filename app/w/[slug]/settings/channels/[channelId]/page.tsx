import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { ChannelIcon, channelLabel } from '@/components/ui/channel-icon';
import { RelativeTime } from '@/components/ui/relative-time';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getChannelDetails, listChannelProblems } from '@/lib/channel-config/manage';
import { UserError } from '@/lib/errors';
import { publicOrigin } from '@/lib/http/public-origin';
import { CopyField, EnableToggle, RetryEventButton } from '@/components/settings/channels/channel-controls';
import { DisconnectChannelButton, EditChannelForm } from '@/components/settings/channels/edit-channel';
import { XPricingNote } from '@/components/settings/channels/connect-form';
import { AppleApprovalNote } from '@/components/settings/channels/apple-approval-note';

export const metadata: Metadata = { title: 'Channel' };

// Long: a server page laying out one channel's settings, webhook details and recent deliveries; markup only.
export default async function ChannelPage({ params }: { params: Promise<{ slug: string; channelId: string }> }) {
  const { slug, channelId } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  if (!z.uuid().safeParse(channelId).success) notFound();
  const db = getDb();
  const details = await getChannelDetails(db, ctx, channelId).catch((e) => {
    if (e instanceof UserError) notFound();
    throw e;
  });
  const problems = await listChannelProblems(db, ctx, channelId);
  const origin = await publicOrigin();
  const webhookUrl = `${origin}/api/webhooks/${details.kind}/${details.id}`;

  return (
    <section className="max-w-3xl space-y-8">
      <div>
        <Link href={`/w/${slug}/settings/channels`} className="text-sm text-brand-600 hover:underline">← Channels</Link>
        <div className="mt-2 flex items-center gap-3">
          <ChannelIcon kind={details.kind} size={32} />
          <div>
            <h1 className="text-xl font-semibold">{details.name}</h1>
            <p className="text-sm text-slate-500">
              {channelLabel(details.kind)} · {details.enabled ? 'Enabled' : 'Disabled'} · account {details.externalId}
            </p>
          </div>
        </div>
      </div>

      {typeof details.settings.authError === 'object' && details.settings.authError !== null && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          The platform refused this channel&apos;s access token, so messages cannot be sent:{' '}
          {String((details.settings.authError as { message?: string }).message ?? '')}. Reconnect the channel with a new token.
        </p>
      )}
      <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        {details.kind !== 'web' ? (
          <>
            <h2 className="font-semibold">Connect the platform</h2>
            <CopyField label={details.kind === 'apple' ? 'Messaging API endpoint' : 'Webhook (callback) URL'} value={webhookUrl} />
            {details.verifyToken && <CopyField label="Verify token" value={details.verifyToken} />}
            <p className="text-xs text-slate-500">
              {details.kind === 'line'
                ? 'Paste the URL in LINE Developers → Messaging API → Webhook URL, turn on "Use webhook" and press Verify.'
                : details.kind === 'apple'
                  ? 'Give this URL to Apple as your Messaging API endpoint in Apple Business Register: Apple posts each message to it followed by /message, signed with the secret passphrase.'
                  : details.kind === 'x'
                  ? 'Register the URL with POST /2/webhooks (X checks it with a CRC request Baton answers with the consumer secret), then subscribe the account with POST /2/account_activity/webhooks/{webhook_id}/subscriptions/all using its own token.'
                  : details.kind === 'instagram'
                  ? 'Paste both in the Meta app → Webhooks → Instagram, and subscribe to messages, messaging_postbacks, message_reactions and messaging_seen.'
                  : 'Paste both in the Meta app → Webhooks, subscribe to messages, message_deliveries, message_reads, messaging_postbacks and message_echoes.'}
            </p>
            {details.kind === 'x' && <XPricingNote />}
            {details.kind === 'apple' && <AppleApprovalNote />}
          </>
        ) : (
          <>
            <h2 className="font-semibold">Website widget</h2>
            <Link href={`/w/${slug}/settings/channels/${details.id}/widget`} className="text-sm text-brand-700 hover:underline">
              Appearance, allowed sites and the code to paste →
            </Link>
          </>
        )}
        {details.hasCredentials && <EnableToggle workspaceId={ctx.workspaceId} channelId={details.id} enabled={details.enabled} />}
      </div>

      {details.kind !== 'web' && (
        <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
          <h2 className="font-semibold">Edit</h2>
          {!details.hasCredentials && (
            <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              Disconnected: this channel has no secrets, so it neither receives nor sends. Enter them to connect it again.
            </p>
          )}
          <EditChannelForm workspaceId={ctx.workspaceId} channelId={details.id} kind={details.kind} name={details.name} disconnected={!details.hasCredentials} />
          {details.hasCredentials && <DisconnectChannelButton workspaceId={ctx.workspaceId} channelId={details.id} />}
        </div>
      )}

      <div>
        <h2 className="font-semibold">Recent delivery problems</h2>
        {problems.events.length === 0 && problems.sends.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">None. Everything the platform delivered was processed, and every send went through.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white text-sm">
            {problems.events.map((e) => (
              <li key={e.id} className="space-y-1 px-4 py-3">
                <p>
                  <span className="font-medium">{e.status === 'malformed' ? 'Malformed delivery' : 'Delivery not processed'}</span>{' '}
                  · <RelativeTime iso={e.receivedAt.toISOString()} /> · {e.attempts} attempt{e.attempts === 1 ? '' : 's'}
                  {e.status === 'failed' && (
                    <>
                      {' '}· <RetryEventButton workspaceId={ctx.workspaceId} eventId={e.id} />
                    </>
                  )}
                </p>
                <p className="text-red-700">{e.error}</p>
                <details>
                  <summary className="cursor-pointer text-xs text-slate-500">Raw payload</summary>
                  <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{e.rawBody}</pre>
                </details>
              </li>
            ))}
            {problems.sends.map((m) => (
              <li key={m.id} className="px-4 py-3">
                <p>
                  <span className="font-medium">Message not sent</span> · <RelativeTime iso={m.createdAt.toISOString()} /> ·{' '}
                  <Link href={`/w/${slug}/inbox?c=${m.conversationId}`} className="text-brand-700 hover:underline">open conversation</Link>
                </p>
                <p className="text-red-700">{m.error}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
