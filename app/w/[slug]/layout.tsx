import { WorkspaceHeader } from '@/components/layout/workspace-header';
import { RealtimeProvider } from '@/components/realtime/realtime-provider';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { realtimeClientConfig } from '@/lib/config';

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const ctx = await requireWorkspaceMember((await params).slug);
  return (
    <RealtimeProvider config={realtimeClientConfig()}>
      <div className="flex h-dvh flex-col" data-workspace-id={ctx.workspaceId}>
        <WorkspaceHeader ctx={ctx} />
        <div className="min-h-0 flex-1">{children}</div>
      </div>
    </RealtimeProvider>
  );
}
