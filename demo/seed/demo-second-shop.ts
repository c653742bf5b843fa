import type { Tx } from '@/db/client';
import { insertChannels, webChannelSeed } from './demo-channels';
import { seedChannelCustomers } from './demo-customers';
import { SECOND_WORKSPACE } from './demo-people';
import { D, H, agent, customer, resolved, tookOver, type DemoCustomer } from './demo-script';

// A small ceramics shop with only a website widget and no bot: just enough for the
// workspace picker to lead somewhere real, and for tests that workspaces stay apart.
export const secondShopCustomers: DemoCustomer[] = [
  {
    name: 'Ploen Sirikul',
    conversations: [
      {
        handler: 'queue',
        slaDueIn: 10,
        messages: [
          customer(50, 'Hi! Do you ship your ceramic mugs to Japan?'),
          customer(49, 'I’m a bit worried about breakage 😅'),
          customer(45, 'It would be 6 mugs'),
        ],
      },
    ],
  },
  {
    name: 'Marcus Lee',
    email: 'marcus.lee@example.com',
    conversations: [
      {
        handler: 'agent',
        assignee: 'ana',
        messages: [
          customer(3 * H, 'Is the speckled bowl set dishwasher safe?'),
          tookOver('ana', 2 * H + 50),
          agent('ana', 2 * H + 50, 'Hi Marcus! Yes, all our stoneware is dishwasher and microwave safe.'),
          customer(2 * H + 40, 'Great, ordering a set of 4'),
        ],
      },
    ],
  },
  {
    name: 'Naomi Sato',
    email: 'naomi.sato@example.jp',
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'ana',
        messages: [
          customer(3 * D, 'Where is my order #S-207?'),
          tookOver('ana', 3 * D - 30),
          agent('ana', 3 * D - 30, 'Hi Naomi, it shipped today with Kerry Express, tracking KEX207SS12.'),
          customer(3 * D - 60, 'Thanks!'),
          resolved('ana', 3 * D - 70),
        ],
      },
    ],
  },
];

export async function seedSecondShop(
  tx: Tx,
  args: { now: Date; workspaceId: string; anaId: string; encryptionKey: string },
): Promise<void> {
  const channelIds = await insertChannels(
    tx,
    args.workspaceId,
    [webChannelSeed(SECOND_WORKSPACE.slug)],
    args.encryptionKey,
    new Date(args.now.getTime() - 19 * D * 60_000),
  );
  await seedChannelCustomers(tx, {
    now: args.now,
    workspaceId: args.workspaceId,
    slug: SECOND_WORKSPACE.slug,
    channelId: channelIds.web!,
    channelKind: 'web',
    customers: secondShopCustomers,
    staffIds: { ana: args.anaId },
    teamIds: {},
    tagIds: {},
  });
}
