import type { Tx } from '@/db/client';
import type { ChannelKind } from '@/db/schema';
import { insertContacts } from './demo-contacts';
import { buildConversation, insertConversations, type BuiltConversation } from './demo-conversations';
import type { StaffKey, TeamKey } from './demo-people';
import type { DemoCustomer, TagName } from './demo-script';
import { lineCustomers } from './demo-script-line';
import { messengerCustomers } from './demo-script-messenger';
import { webCustomers } from './demo-script-web';
import { whatsappCustomers } from './demo-script-whatsapp';

export const DEMO_CUSTOMERS: Record<ChannelKind, DemoCustomer[]> = {
  facebook: messengerCustomers,
  // The demo shop has no Instagram account seeded: an admin connects one (Settings → Channels).
  instagram: [],
  whatsapp: whatsappCustomers,
  line: lineCustomers,
  // Nor an X account: the Account Activity API is a paid X plan the shop connects itself.
  x: [],
  // Nor Apple Messages for Business: Apple must approve the provider first.
  apple: [],
  web: webCustomers,
};

const MINUTE = 60_000;

/** Contacts on one channel, each with their conversation history, ready to insert. */
export async function seedChannelCustomers(
  tx: Tx,
  args: {
    now: Date;
    workspaceId: string;
    slug: string;
    channelId: string;
    channelKind: ChannelKind;
    customers: DemoCustomer[];
    staffIds: Partial<Record<StaffKey, string>>;
    teamIds: Partial<Record<TeamKey, string>>;
    tagIds: Partial<Record<TagName, string>>;
  },
): Promise<BuiltConversation[]> {
  const firstSeen = (c: DemoCustomer) =>
    new Date(args.now.getTime() - (c.conversations[0]?.messages[0]?.at ?? 0) * MINUTE - MINUTE);

  const contacts = await insertContacts(tx, { ...args, firstSeen });

  const built = contacts.flatMap(({ id, customer, seed }) => {
    customer.conversations.slice(0, -1).forEach((c) => {
      if (c.status !== 'resolved') throw new Error(`Demo customer ${customer.name}: only the last conversation may be open`);
    });
    return customer.conversations.map((script, i) =>
      buildConversation(script, {
        now: args.now,
        workspaceId: args.workspaceId,
        channelId: args.channelId,
        channelKind: args.channelKind,
        contactId: id,
        contactName: customer.name,
        staffIds: args.staffIds,
        teamIds: args.teamIds,
        seed: `${seed}:c${i}`,
      }),
    );
  });
  await insertConversations(tx, built);
  return built;
}
