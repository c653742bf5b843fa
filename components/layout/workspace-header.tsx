import Link from 'next/link';
import { ChevronDown } from 'lucide-react';
import { NotificationBellServer } from '@/components/notifications/notification-bell-server';
import { OnlineAgents } from '@/components/realtime/online-agents';
import { Avatar } from '@/components/ui/avatar';
import { SignOutForm } from '@/components/realtime/sign-out-form';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { WorkspacePageContext } from '@/lib/auth/workspace-page';
import { InstallButton } from '@/components/pwa/install-button';
import { AccountMenu } from './account-menu';
import { AvailabilityToggle } from './availability-toggle';
import { NavLink } from './nav-link';

/**
 * The top bar. On wide screens every control sits in the row; below `lg` the workspace
 * switch, availability, profile and sign-out fold into the account menu so the bar fits a
 * 360 px phone (the main navigation scrolls inside its own box rather than widening the page).
 */
export function WorkspaceHeader({ ctx }: { ctx: WorkspacePageContext }) {
  const base = `/w/${ctx.membership.workspaceSlug}`;
  const signOut = (className: string) => (
    <SignOutForm
      sessionTag={ctx.sessionTag}
      className={className}
      buttonClassName="w-full rounded-md px-2 py-1 text-left text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    />
  );
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 sm:gap-4 sm:px-4">
      <Link href={`${base}/inbox`} className="hidden text-lg font-bold text-brand-600 sm:block">
        Baton
      </Link>
      <Link
        href="/workspaces?pick=1"
        className="hidden max-w-48 truncate rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:block"
        title="Switch workspace"
      >
        {ctx.membership.workspaceName} <ChevronDown aria-hidden className="inline h-3.5 w-3.5" />
      </Link>
      <nav aria-label="Main" className="flex min-w-0 items-center gap-1 overflow-x-auto">
        <NavLink href={`${base}/inbox`}>Inbox</NavLink>
        <NavLink href={`${base}/tickets`}>Tickets</NavLink>
        <NavLink href={`${base}/orders`}>Orders</NavLink>
        <NavLink href={`${base}/reports`}>Reports</NavLink>
        {ctx.membership.role === 'admin' && <NavLink href={`${base}/settings`}>Settings</NavLink>}
      </nav>
      <div className="ml-auto flex shrink-0 items-center gap-2 lg:gap-3">
        <div className="hidden items-center gap-3 lg:flex">
          <OnlineAgents channelName={realtimeChannels.workspacePresence(ctx.workspaceId)} />
          <AvailabilityToggle workspaceId={ctx.workspaceId} initial={ctx.membership.availability} />
        </div>
        <NotificationBellServer ctx={ctx} />
        <Link href={`${base}/profile`} className="hidden items-center gap-2 rounded-md px-1 py-0.5 hover:bg-slate-100 lg:flex" title="Your profile">
          <Avatar name={ctx.user.name} src={ctx.user.avatarUrl} size={28} />
          <span className="text-sm text-slate-700">{ctx.user.name}</span>
        </Link>
        {signOut('hidden lg:block')}
        <AccountMenu name={ctx.user.name} avatarUrl={ctx.user.avatarUrl} className="lg:hidden">
          <p className="truncate px-2 pb-1 pt-0.5 font-medium text-slate-900">{ctx.user.name}</p>
          <Link href="/workspaces?pick=1" className="block truncate rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100" title="Switch workspace">
            {ctx.membership.workspaceName} <span className="text-xs text-slate-400">· switch</span>
          </Link>
          <div className="px-2 py-1.5">
            <AvailabilityToggle workspaceId={ctx.workspaceId} initial={ctx.membership.availability} />
          </div>
          <div className="my-1 border-t border-slate-100" />
          <Link href={`${base}/profile`} className="block rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
            Your profile
          </Link>
          <InstallButton />
          {signOut('')}
        </AccountMenu>
      </div>
    </header>
  );
}
