import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, contacts, contactTags, conversations, tags } from '@/db/schema';
import type { ChannelKind } from '@/db/schema/channels';
import type { ConversationPriority } from '@/db/schema/conversations';

// What rules about a conversation look at (SLA rules, routing rules), read in one place so
// both judge a conversation by the same facts.

/** What a rule can look at. */
export type ConversationFacts = {
  channelKind: ChannelKind;
  teamId: string | null;
  /** The customer's tags, by name. */
  tags: string[];
  customData: Record<string, string>;
  priority: ConversationPriority;
  /** The customer's language (primary subtag), when their channel told us; SLA rules do not read it. */
  language?: string | null;
};

type FactsSource = Pick<typeof conversations.$inferSelect, 'channelId' | 'contactId' | 'teamId' | 'priority'>;

export async function loadConversationFacts(db: DbOrTx, c: FactsSource): Promise<ConversationFacts> {
  const [row] = await db
    .select({ kind: channels.kind, customData: contacts.customData, language: contacts.language })
    .from(channels)
    .innerJoin(contacts, eq(contacts.id, c.contactId))
    .where(eq(channels.id, c.channelId))
    .limit(1);
  const tagRows = await db.select({ name: tags.name }).from(contactTags).innerJoin(tags, eq(tags.id, contactTags.tagId)).where(eq(contactTags.contactId, c.contactId));
  return {
    channelKind: row.kind,
    teamId: c.teamId,
    tags: tagRows.map((t) => t.name),
    customData: row.customData ?? {},
    priority: c.priority,
    language: row.language ?? null,
  };
}
