import { WorkspaceHeader } from '@/components/layout/workspace-header';
import { ServerStatusBanner } from '@/components/layout/server-status-banner';
import { AppShellClient } from '@/components/pwa/app-shell-client';
import { RealtimeProvider } from '@/components/realtime/realtime-provider';
import { TimeZoneProvider } from '@/components/time/time-zone';
import { getDb } from '@/lib/db';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { realtimeClientConfig } from '@/lib/config';
import { loadViewerZones } from '@/lib/time/viewer-zone';

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const ctx = await requireWorkspaceMember((await params).slug);
  const zones = await loadViewerZones(getDb(), { userId: ctx.actor.id, workspaceId: ctx.workspaceId });
  return (
    <RealtimeProvider config={realtimeClientConfig()} sessionTag={ctx.sessionTag}>
      <TimeZoneProvider zones={zones}>
        <div className="flex h-dvh flex-col" data-workspace-id={ctx.workspaceId}>
          <AppShellClient workspaceId={ctx.workspaceId} />
          <WorkspaceHeader ctx={ctx} />
          <ServerStatusBanner />
          <div className="min-h-0 flex-1">{children}</div>
        </div>
      </TimeZoneProvider>
    </RealtimeProvider>
  );
}
