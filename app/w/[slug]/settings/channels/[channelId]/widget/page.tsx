import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { loadChannelFresh } from '@/lib/channel-config/load';
import { publicOrigin } from '@/lib/http/public-origin';
import { medianFirstResponseSeconds } from '@/lib/widget/live-state';
import { getWebChannelForSettings } from '@/lib/widget/settings';
import { mailConfigured } from '@/lib/mail/settings';
import { CopySnippet } from '@/components/settings/channels/widget/copy-snippet';
import { WidgetSettingsForm } from '@/components/settings/channels/widget/widget-form';
import { ActionRulesSection } from '@/components/settings/channels/widget/action-rules-editor';
import { listWidgetRules, startableFlows } from '@/lib/widget/action-rules/admin';
import { PreChatFormEditor } from '@/components/settings/channels/widget/pre-chat-form-editor';
import { readPreChatForm } from '@/lib/widget/forms/definition';
import { CallServersForm } from '@/components/settings/channels/widget/call-servers-form';
import { getCallSettings } from '@/lib/calls/settings';

export const metadata: Metadata = { title: 'Website chat' };

export default async function WidgetSettingsPage({ params }: { params: Promise<{ slug: string; channelId: string }> }) {
  const { slug, channelId } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  if (!z.uuid().safeParse(channelId).success) notFound();
  const db = getDb();
  const channel = await getWebChannelForSettings(db, ctx, channelId);
  if (!channel) notFound();
  const [loaded, computedMedianSeconds, mailReady, callSettings] = await Promise.all([
    loadChannelFresh(db, channel.id),
    medianFirstResponseSeconds(db, ctx.workspaceId),
    mailConfigured(db, ctx.workspaceId),
    getCallSettings(db, ctx),
  ]);
  const hmacToken = loaded?.channel.kind === 'web' ? (loaded.credentials as { hmacToken?: string }).hmacToken : undefined;
  const origin = await publicOrigin();
  const snippet = `<script src="${origin}/widget.js" data-baton-token="${channel.externalId}" async></script>`;
  const identify = `<script>
  // After your customer signs in. Compute the hash on your server, never in the browser:
  // hash = hex HMAC-SHA256(key = identity secret, message = identifier)
  window.Baton = window.Baton || function () { (Baton.q = Baton.q || []).push(arguments) };
  Baton('identify', { identifier: 'CUSTOMER_ID', hash: 'HASH', name: 'Jane Doe', email: 'jane@example.com' });
  // On sign-out: Baton('reset');
</script>`;

  return (
    <section className="max-w-5xl">
      <p className="text-sm">
        <Link href={`/w/${slug}/settings/channels`} className="text-brand-600 hover:underline">
          ← Channels
        </Link>
      </p>
      <h1 className="mt-2 text-xl font-semibold">{channel.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        How the chat looks on your website, when it is available and where it may appear. {channel.enabled ? '' : 'This channel is disabled: the chat is hidden everywhere.'}
      </p>

      <WidgetSettingsForm
        slug={slug}
        workspaceId={ctx.workspaceId}
        channelId={channel.id}
        token={channel.externalId}
        settings={channel.widget}
        computedMedianSeconds={computedMedianSeconds}
        mailReady={mailReady}
      />

      <CallServersForm workspaceId={ctx.workspaceId} settings={callSettings} />

      <div className="max-w-2xl">
        <PreChatFormEditor workspaceId={ctx.workspaceId} channelId={channel.id} form={readPreChatForm(channel.settings)} />
      </div>

      <div className="max-w-2xl">
        <ActionRulesSection workspaceId={ctx.workspaceId} channelId={channel.id} rules={await listWidgetRules(db, ctx, channel.id)} flows={await startableFlows(db, ctx)} />
      </div>

      <div className="mt-8 max-w-2xl rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <h2 className="font-semibold">Add the chat to your site</h2>
        <p className="mt-1 text-sm text-slate-600">Paste this before the closing &lt;/body&gt; tag of every page.</p>
        <CopySnippet label="Embed code" code={snippet} />
        <p className="mt-3 text-sm">
          <a href={`/widget/${channel.externalId}`} target="_blank" rel="noopener noreferrer" className="text-brand-600 hover:underline">
            Open the chat on its own page
          </a>{' '}
          to try it.
        </p>
      </div>

      <details className="mt-6 max-w-2xl rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <summary className="cursor-pointer font-semibold">Identify signed-in customers (optional)</summary>
        <p className="mt-2 text-sm text-slate-600">
          Your agents then see the customer&apos;s name and email, and the customer finds the same conversation on every device.
          The hash proves the identifier came from your server.
        </p>
        <CopySnippet label="Identify code" code={identify} />
        {hmacToken ? (
          <p className="mt-3 text-sm">
            Identity secret (keep it on your server): <code className="break-all rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">{hmacToken}</code>
          </p>
        ) : (
          <p className="mt-3 text-sm text-amber-700">This channel has no identity secret yet, so identify calls are refused.</p>
        )}
      </details>
    </section>
  );
}
