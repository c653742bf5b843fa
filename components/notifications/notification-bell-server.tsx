import 'server-only';
import { getDb } from '@/lib/db';
import type { WorkspacePageContext } from '@/lib/auth/workspace-page';
import { countUnread } from '@/lib/notifications/list';
import { NotificationBell } from './notification-bell';

/** The bell with its unread count rendered on the server (the list loads when opened). */
export async function NotificationBellServer({ ctx }: { ctx: WorkspacePageContext }) {
  const base = `/w/${ctx.membership.workspaceSlug}`;
  const unread = await countUnread(getDb(), ctx).catch(() => 0);
  return (
    <NotificationBell
      workspaceId={ctx.workspaceId}
      userId={ctx.user.id}
      inboxPath={`${base}/inbox`}
      preferencesHref={`${base}/profile/notifications`}
      initialUnread={unread}
    />
  );
}
