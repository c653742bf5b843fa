import Link from 'next/link';
import { getDb } from '@/lib/db';
import { OrderLines } from '@/components/orders/order-lines';
import { Avatar } from '@/components/ui/avatar';
import { ChannelIcon, channelLabel } from '@/components/ui/channel-icon';
import { LocalTime } from '@/components/time/time-zone';
import { RelativeTime } from '@/components/ui/relative-time';
import type { WorkspacePageContext } from '@/lib/auth/workspace-page';
import { getCustomerProfile, type CustomerConversation, type CustomerIdentity } from '@/lib/contacts/profile';
import type { ConversationView } from '@/lib/inbox/history';
import { realtimeChannels } from '@/lib/realtime/channels';
import { CustomDataEditor } from './customer/custom-data-editor';
import { CustomerFieldsForm } from './customer/customer-fields-form';
import { CustomerLive } from './customer/customer-live';
import { DeleteCustomer } from './customer/delete-customer';
import { FormResultsAndRatings } from './customer/form-results';
import { TakeOverButton } from './customer/take-over-button';
import { PanelShell } from './customer/panel-shell';
import { TagsEditor } from './customer/tags-editor';
import { CustomerTickets } from '@/components/tickets/ticket-links';
import { CustomerRecordings } from './recordings/customer-recordings';
import { ticketsFor } from '@/lib/tickets/list';

function Section({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section className="border-t border-slate-100 pt-4">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

function identityText(identity: CustomerIdentity): string {
  switch (identity.channelKind) {
    case 'whatsapp':
      return `+${identity.externalId}`;
    case 'facebook':
      return `PSID ${identity.externalId}`;
    case 'instagram':
      return identity.username ? `@${identity.username} · IGSID ${identity.externalId}` : `IGSID ${identity.externalId}`;
    case 'line':
      return `LINE ID ${identity.externalId}`;
    case 'x':
      return `X user ${identity.externalId}`;
    case 'apple':
      return `Apple customer ${identity.externalId.slice(0, 12)}…`;
    case 'web':
      return `Visitor ${identity.externalId}`;
  }
}

function conversationState(c: CustomerConversation): string {
  if (c.status === 'resolved') return 'Resolved';
  return c.handler === 'bot' ? 'With the bot' : c.handler === 'queue' ? 'Waiting for an agent' : 'Open';
}

/**
 * Right panel: who the customer is and what the team knows about them (identities, tags,
 * additional information, custom data, other conversations), with the transcript export
 * and, for admins, deleting the customer. Loads its own data by contact id, in the
 * viewer's workspace.
 */
// Long: a server component that lays out every section of the customer panel from one loaded profile.
export async function CustomerPanel({
  ctx,
  conversation,
  basePath,
  tab = 'all',
}: {
  ctx: WorkspacePageContext;
  conversation: ConversationView | null;
  basePath: string;
  tab?: string;
}) {
  const leaveHref = `${basePath}?tab=${encodeURIComponent(tab)}`;
  const [profile, tickets] = conversation
    ? await Promise.all([
        getCustomerProfile(getDb(), ctx, conversation.contact.id, { excludeConversationId: conversation.id }),
        ticketsFor(getDb(), ctx, { contactId: conversation.contact.id }),
      ])
    : [null, []];
  const live = <CustomerLive channelName={realtimeChannels.workspace(ctx.workspaceId)} contactId={profile?.id ?? null} leaveHref={leaveHref} />;

  if (!conversation || !profile) {
    return (
      <>
        {live}
        <aside aria-label="Customer info" className="hidden min-h-0 overflow-y-auto border-l border-slate-200 bg-white p-4 xl:block">
          <p className="text-center text-sm text-slate-500">{conversation ? 'This customer no longer exists.' : 'Customer details show here.'}</p>
        </aside>
      </>
    );
  }

  const isAdmin = ctx.membership.role === 'admin';
  const settingsHref = `/w/${ctx.membership.workspaceSlug}/settings/customer-fields`;
  return (
    <>
      {live}
      <PanelShell key={conversation.id} name={profile.name}>
        <div className="space-y-4" data-testid="customer-panel">
          <header className="flex flex-col items-center text-center">
            <Avatar name={profile.name} src={profile.avatarUrl} size={64} />
            <h2 className="mt-2 break-words font-semibold">{profile.name}</h2>
            {profile.email && (
              <a href={`mailto:${profile.email}`} className="break-all text-sm text-brand-700 hover:underline">
                {profile.email}
              </a>
            )}
            {profile.phone && (
              <a href={`tel:${profile.phone.replace(/[^\d+]/g, '')}`} className="text-sm text-brand-700 hover:underline">
                {profile.phone}
              </a>
            )}
            <p className="mt-1 text-xs text-slate-500">
              First seen <LocalTime value={profile.firstSeenAt} format="date" />
            </p>
          </header>

          <Section title="Channels">
            <ul aria-label="Channel identities" className="space-y-1.5">
              {profile.identities.map((identity) => (
                <li key={identity.id} className="flex items-center gap-2 text-sm">
                  <ChannelIcon kind={identity.channelKind} size={18} />
                  <div className="min-w-0">
                    <p className="truncate">
                      {channelLabel(identity.channelKind)}
                      <span className="text-slate-500"> · {identity.channelName}</span>
                    </p>
                    <p className="truncate font-mono text-xs text-slate-500" title={identity.externalId}>
                      {identityText(identity)}
                    </p>
                  </div>
                </li>
              ))}
              {profile.identities.length === 0 && <li className="text-sm text-slate-500">No channel identities.</li>}
            </ul>
          </Section>

          <Section title="Tags">
            <TagsEditor workspaceId={ctx.workspaceId} contactId={profile.id} tags={profile.tags} workspaceTags={profile.workspaceTags} />
          </Section>

          <Section
            title="Additional information"
            action={
              isAdmin ? (
                <Link href={settingsHref} className="text-xs text-brand-700 hover:underline">
                  Configure fields
                </Link>
              ) : undefined
            }
          >
            {profile.fields.length > 0 ? (
              <CustomerFieldsForm workspaceId={ctx.workspaceId} contactId={profile.id} fields={profile.fields} />
            ) : (
              <p className="text-sm text-slate-500">{isAdmin ? 'No fields yet: add city, size, birthday… under Configure fields.' : 'Your admin has not set up any fields yet.'}</p>
            )}
          </Section>

          <Section title="Custom data">
            <CustomDataEditor workspaceId={ctx.workspaceId} contactId={profile.id} entries={profile.customData} />
          </Section>

          <FormResultsAndRatings workspaceId={ctx.workspaceId} contactId={profile.id} />

          {/* Orders come with the commerce work (lib/contacts/recent-orders.ts): no section until a customer has some. */}
          {profile.recentOrders.length > 0 && (
            <Section title="Recent orders">
              <ul className="space-y-1 text-sm">
                {profile.recentOrders.map((order) => (
                  <li key={order.id}>
                    <div className="flex justify-between gap-2">
                      <span className="font-medium">{order.number}</span>
                      <span className="text-slate-600">
                        {order.total} · {order.status}
                      </span>
                    </div>
                    <p className="text-xs text-slate-500">
                      Placed <LocalTime value={order.placedAt} />
                    </p>
                    <OrderLines lines={order.lines} label={`Items of order ${order.number}`} className="text-xs text-slate-600" />
                  </li>
                ))}
              </ul>
            </Section>
          )}

          {profile.identities.some((i) => i.channelKind === 'web') && <CustomerRecordings workspaceId={ctx.workspaceId} contactId={profile.id} />}

          <Section title="Tickets">
            <CustomerTickets slug={ctx.membership.workspaceSlug} tickets={tickets} />
          </Section>

          <Section title="Other conversations">
            {profile.otherConversations.length === 0 ? (
              <p className="text-sm text-slate-500">This is their only conversation.</p>
            ) : (
              <ul aria-label="Other conversations" className="space-y-1">
                {profile.otherConversations.map((c) => (
                  <li key={c.id}>
                    <Link
                      href={`${basePath}?tab=all&c=${c.id}`}
                      className="flex items-start gap-2 rounded-md p-1.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                    >
                      <ChannelIcon kind={c.channelKind} size={16} />
                      <span className="min-w-0 flex-1">
                        <span className="flex justify-between gap-2">
                          <span className="font-medium">{conversationState(c)}</span>
                          <span className="shrink-0 text-xs text-slate-500">
                            <RelativeTime iso={c.lastMessageAt} />
                          </span>
                        </span>
                        {c.lastMessagePreview && <span className="block truncate text-xs text-slate-600">{c.lastMessagePreview}</span>}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section title="Actions">
            <div className="space-y-2">
              {conversation.status === 'open' && !(conversation.handler === 'agent' && conversation.assignee?.id === ctx.actor.id) && (
                <TakeOverButton workspaceId={ctx.workspaceId} conversationId={conversation.id} />
              )}
              <a
                href={`/api/conversations/${conversation.id}/transcript`}
                download
                className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-center text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                Export transcript (CSV)
              </a>
              {isAdmin && <DeleteCustomer workspaceId={ctx.workspaceId} contactId={profile.id} name={profile.name} leaveHref={leaveHref} />}
            </div>
          </Section>
        </div>
      </PanelShell>
    </>
  );
}
