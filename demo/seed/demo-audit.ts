import type { Tx } from '@/db/client';
import { auditLog } from '@/db/schema';

const DAY = 86_400_000;

/**
 * The admin's setup history, so the audit view opens on something other than an empty
 * page; conversation events (assign, resolve) come from the scripts themselves.
 */
export async function insertSetupAudit(
  tx: Tx,
  args: {
    now: Date;
    workspaceId: string;
    adminId: string;
    invited: { userId: string; email: string }[];
    channels: { id: string; kind: string; name: string }[];
  },
): Promise<void> {
  const at = (daysAgo: number, i = 0) => new Date(args.now.getTime() - daysAgo * DAY + i * 60_000);
  await tx.insert(auditLog).values([
    ...args.invited.map((u, i) => ({
      workspaceId: args.workspaceId,
      actorUserId: args.adminId,
      action: 'member.invited',
      targetType: 'user',
      targetId: u.userId,
      data: { email: u.email },
      createdAt: at(89, i),
    })),
    ...args.channels.map((c, i) => ({
      workspaceId: args.workspaceId,
      actorUserId: args.adminId,
      action: 'channel.connected',
      targetType: 'channel',
      targetId: c.id,
      data: { kind: c.kind, name: c.name },
      createdAt: at(45, i * 60),
    })),
  ]);
}
