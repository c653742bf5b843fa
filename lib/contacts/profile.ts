import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, contactIdentities, contacts, contactTags, conversations, tags, type ChannelKind } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { listCustomerFields } from '@/lib/settings/inbox-config';
import type { CustomerFieldView } from '@/lib/settings/customer-fields/view';
import { listRecentOrders, type RecentOrder } from './recent-orders';

export type CustomerIdentity = {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  externalId: string;
  displayName: string | null;
  /** Instagram's @handle, when the platform told it. */
  username?: string;
};
export type CustomerTag = { id: string; name: string; color: string };
export type CustomerConversation = {
  id: string;
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  channelKind: ChannelKind;
  channelName: string;
  lastMessageAt: string;
  lastMessagePreview: string | null;
};

export type CustomerProfile = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  avatarUrl: string | null;
  firstSeenAt: string;
  identities: CustomerIdentity[];
  tags: CustomerTag[];
  /** Every tag of the workspace, for autocomplete. */
  workspaceTags: CustomerTag[];
  /** The admin-defined fields, in order, with this customer's stored value (or null). */
  fields: (CustomerFieldView & { value: string | null })[];
  /** Free-form key–value data: everything in custom data that is not a defined field. */
  customData: { key: string; value: string }[];
  otherConversations: CustomerConversation[];
  recentOrders: RecentOrder[];
};

const OTHER_CONVERSATIONS_LIMIT = 20;
const WORKSPACE_TAGS_LIMIT = 500;

function displayName(profile: Record<string, unknown>): string | null {
  const name = profile.name ?? profile.displayName;
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}

/** Everything the customer panel shows, for one contact of the actor's workspace. */
// Long: one query per section of the customer panel, gathered in one place.
export async function getCustomerProfile(
  db: DbOrTx,
  ctx: Pick<ActorContext, 'workspaceId'>,
  contactId: string,
  options: { excludeConversationId?: string } = {},
): Promise<CustomerProfile | null> {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!contact) return null;

  const [identities, contactTagRows, workspaceTags, fields, others, recentOrders] = await Promise.all([
    db
      .select({ identity: contactIdentities, channelKind: channels.kind, channelName: channels.name })
      .from(contactIdentities)
      .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
      .where(and(eq(contactIdentities.contactId, contact.id), eq(contactIdentities.workspaceId, ctx.workspaceId)))
      .orderBy(asc(contactIdentities.createdAt)),
    db
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(contactTags)
      .innerJoin(tags, eq(tags.id, contactTags.tagId))
      .where(and(eq(contactTags.contactId, contact.id), eq(tags.workspaceId, ctx.workspaceId)))
      .orderBy(asc(contactTags.createdAt), asc(tags.name)),
    db
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(tags)
      .where(eq(tags.workspaceId, ctx.workspaceId))
      .orderBy(asc(tags.name))
      .limit(WORKSPACE_TAGS_LIMIT),
    listCustomerFields(db, ctx),
    db
      .select({
        id: conversations.id,
        status: conversations.status,
        handler: conversations.handler,
        channelKind: channels.kind,
        channelName: channels.name,
        lastMessageAt: conversations.lastMessageAt,
        lastMessagePreview: conversations.lastMessagePreview,
      })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .where(
        and(
          eq(conversations.contactId, contact.id),
          eq(conversations.workspaceId, ctx.workspaceId),
          options.excludeConversationId ? ne(conversations.id, options.excludeConversationId) : undefined,
        ),
      )
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(OTHER_CONVERSATIONS_LIMIT),
    listRecentOrders(db, ctx, contact.id),
  ]);

  const data = contact.customData ?? {};
  const fieldKeys = new Set(fields.map((f) => f.key));
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    avatarUrl: contact.avatarUrl,
    firstSeenAt: contact.createdAt.toISOString(),
    identities: identities.map(({ identity, channelKind, channelName }) => ({
      id: identity.id,
      channelId: identity.channelId,
      channelKind,
      channelName,
      externalId: identity.externalId,
      displayName: displayName(identity.profile),
      ...(typeof identity.profile.username === 'string' ? { username: identity.profile.username } : {}),
    })),
    tags: contactTagRows,
    workspaceTags,
    fields: fields.map((f) => ({ ...f, value: typeof data[f.key] === 'string' ? data[f.key] : data[f.key] == null ? null : String(data[f.key]) })),
    customData: Object.entries(data)
      .filter(([key]) => !fieldKeys.has(key))
      .map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) })),
    otherConversations: others.map((c) => ({ ...c, lastMessageAt: c.lastMessageAt.toISOString() })),
    recentOrders,
  };
}
