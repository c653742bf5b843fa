import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { contactIdentities, contacts, messages } from '@/db/schema';
import type { Sender } from '@/channels/types';
import { primaryLanguage } from '@/lib/contacts/language';

export type ResolvedContact = { contactId: string; identityId: string; created: boolean; /** The message asked about is stored already. */ duplicate?: boolean };

/**
 * Serialises everything about one customer on one channel for the rest of the
 * transaction, so two deliveries for a new customer at once give one contact, one
 * identity and one conversation.
 */
export async function lockCustomer(tx: Tx, channelId: string, externalId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${channelId}:${externalId}`}, 0))`);
}

function fallbackName(kind: string, sender: Sender): string {
  if (sender.phone) return `+${sender.phone.replace(/^\+/, '')}`;
  const label = kind === 'web' ? 'Visitor' : 'Customer';
  return `${label} ${sender.externalId.slice(-4)}`;
}

type Known = { name?: string | null; avatarUrl?: string | null; language?: string | null };

/**
 * Keeps a contact's name, picture and language fresh when the platform tells them (WhatsApp
 * sends the profile name with every message): written only when something differs.
 */
export async function refreshContact(tx: Tx, contact: Known & { id: string; workspaceId: string }, told: Known): Promise<void> {
  const { name, avatarUrl, language } = told;
  const changed = (name && name !== contact.name) || (avatarUrl && avatarUrl !== contact.avatarUrl) || (language && language !== contact.language);
  if (!changed) return;
  await tx
    .update(contacts)
    .set({ ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}), ...(language ? { language } : {}), updatedAt: new Date() })
    .where(and(eq(contacts.id, contact.id), eq(contacts.workspaceId, contact.workspaceId)));
}

/** The contact behind a channel identity, created on first sight. Call under lockCustomer. */
export async function findOrCreateContact(
  tx: Tx,
  input: {
    workspaceId: string;
    channelId: string;
    channelKind: string;
    sender: Sender;
    profile?: { name?: string; avatarUrl?: string; language?: string; username?: string } | null;
    /** A platform message id: is it stored already? Asked in the same statement; nothing is written if so. */
    duplicateOf?: string;
  },
): Promise<ResolvedContact> {
  const { sender, profile } = input;
  const storedAlready = (externalId: string) =>
    sql<boolean>`exists (select 1 from ${messages} where ${messages.channelId} = ${input.channelId} and ${messages.externalId} = ${externalId})`;
  const [existing] = await tx
    .select({
      id: contactIdentities.id,
      contactId: contactIdentities.contactId,
      name: contacts.name,
      avatarUrl: contacts.avatarUrl,
      language: contacts.language,
      ...(input.duplicateOf ? { duplicate: storedAlready(input.duplicateOf) } : {}),
    })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.channelId, input.channelId), eq(contactIdentities.externalId, sender.externalId)))
    .limit(1);

  const name = sender.name ?? profile?.name;
  const avatarUrl = sender.avatarUrl ?? profile?.avatarUrl;
  const language = primaryLanguage(profile?.language);
  if (existing?.duplicate) return { contactId: existing.contactId, identityId: existing.id, created: false, duplicate: true };
  if (!existing && input.duplicateOf) {
    // A sender thought known is not (deleted meanwhile): the message may still be stored.
    const [row] = await tx.select({ duplicate: storedAlready(input.duplicateOf) }).from(sql`(select 1) as one`);
    if (row.duplicate) return { contactId: '', identityId: '', created: false, duplicate: true };
  }
  if (existing) {
    await refreshContact(tx, { id: existing.contactId, workspaceId: input.workspaceId, name: existing.name, avatarUrl: existing.avatarUrl, language: existing.language }, { name, avatarUrl, language });
    return { contactId: existing.contactId, identityId: existing.id, created: false };
  }

  // The contact and its identity in one statement: a new customer is a tenth of the
  // deliveries and these two inserts were two round trips of every one of them.
  const identityProfile = { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}), ...(profile?.username ? { username: profile.username } : {}) };
  const { rows } = await tx.execute<{ contact_id: string; identity_id: string }>(sql`
    with contact as (
      insert into ${contacts} (workspace_id, name, phone, avatar_url, language)
      values (${input.workspaceId}, ${name ?? fallbackName(input.channelKind, sender)}, ${sender.phone ? `+${sender.phone.replace(/^\+/, '')}` : null}, ${avatarUrl ?? null}, ${language})
      returning id
    )
    insert into ${contactIdentities} (workspace_id, contact_id, channel_id, external_id, profile)
    select ${input.workspaceId}, contact.id, ${input.channelId}, ${sender.externalId}, ${JSON.stringify(identityProfile)}::jsonb from contact
    returning contact_id, id as identity_id`);
  const [created] = rows;
  return { contactId: created.contact_id, identityId: created.identity_id, created: true };
}
