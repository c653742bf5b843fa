import type { Metadata } from 'next';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { ConversationPanel } from '@/components/inbox/conversation-panel';
import { CustomerPanel } from '@/components/inbox/customer-panel';
import { ListPanel } from '@/components/inbox/list-panel';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getConversationView } from '@/lib/inbox/history';
import { inboxTabs } from '@/lib/inbox/list';

export const metadata: Metadata = { title: 'Inbox' };

const searchSchema = z.object({
  tab: z.enum(inboxTabs).catch('all'),
  c: z.uuid().optional().catch(undefined),
});

export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const { tab, c: selectedId } = searchSchema.parse(await searchParams);
  const basePath = `/w/${slug}/inbox`;
  const selected = selectedId ? await getConversationView(getDb(), ctx, selectedId) : null;

  return (
    // minmax(0, 1fr): the conversation column takes the room left, never its content's
    // widest line (a template's unwrapped body would push the customer panel off-screen).
    <div className="grid h-full grid-cols-1 md:grid-cols-[320px_minmax(0,1fr)] xl:grid-cols-[340px_minmax(0,1fr)_300px]">
      <ListPanel ctx={ctx} basePath={basePath} tab={tab} selectedId={selected?.id} searchParams={await searchParams} />
      <ConversationPanel ctx={ctx} conversation={selected} backHref={`${basePath}?tab=${tab}`} />
      <CustomerPanel ctx={ctx} conversation={selected} basePath={basePath} tab={tab} />
    </div>
  );
}
