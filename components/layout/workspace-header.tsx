import Link from 'next/link';
import { NotificationBellServer } from '@/components/notifications/notification-bell-server';
import { OnlineAgents } from '@/components/realtime/online-agents';
import { Avatar } from '@/components/ui/avatar';
import { signOutAction } from '@/lib/auth/sign-out';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { WorkspacePageContext } from '@/lib/auth/workspace-page';
import { AvailabilityToggle } from './availability-toggle';
import { NavLink } from './nav-link';

export function WorkspaceHeader({ ctx }: { ctx: WorkspacePageContext }) {
  const base = `/w/${ctx.membership.workspaceSlug}`;
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-3 sm:px-4">
      <Link href={`${base}/inbox`} className="text-lg font-bold text-brand-600">
        Baton
      </Link>
      <Link
        href="/workspaces?pick=1"
        className="hidden truncate rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:block"
        title="Switch workspace"
      >
        {ctx.membership.workspaceName} <span aria-hidden>▾</span>
      </Link>
      <nav aria-label="Main" className="flex items-center gap-1">
        <NavLink href={`${base}/inbox`}>Inbox</NavLink>
        <NavLink href={`${base}/orders`}>Orders</NavLink>
        {ctx.membership.role === 'admin' && <NavLink href={`${base}/settings`}>Settings</NavLink>}
      </nav>
      <div className="ml-auto flex items-center gap-3">
        <OnlineAgents channelName={realtimeChannels.workspacePresence(ctx.workspaceId)} />
        <AvailabilityToggle workspaceId={ctx.workspaceId} initial={ctx.membership.availability} />
        <NotificationBellServer ctx={ctx} />
        <Link href={`${base}/profile`} className="hidden items-center gap-2 rounded-md px-1 py-0.5 hover:bg-slate-100 sm:flex" title="Your profile">
          <Avatar name={ctx.user.name} src={ctx.user.avatarUrl} size={28} />
          <span className="text-sm text-slate-700">{ctx.user.name}</span>
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
