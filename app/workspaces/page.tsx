import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { listUserWorkspaces } from '@/lib/auth/membership';
import { requireSessionUser } from '@/lib/auth/session';
import { signOutAction } from '@/lib/auth/sign-out';
import { inboxTabs } from '@/lib/inbox/list-query';

export const metadata: Metadata = { title: 'Choose a workspace' };

export default async function WorkspacesPage({ searchParams }: { searchParams: Promise<{ pick?: string; tab?: string }> }) {
  const user = await requireSessionUser();
  const workspaces = await listUserWorkspaces(getDb(), user.id);
  const { pick, tab } = await searchParams;
  // The installed app's start URL and shortcuts name an inbox tab but no workspace (the
  // manifest is one per site): the tab is carried on to the workspace's inbox.
  const inboxQuery = (inboxTabs as readonly string[]).includes(tab ?? '') ? `?tab=${tab}` : '';
  // With one workspace there is nothing to pick, unless the user asked to see the list.
  if (workspaces.length === 1 && !pick) redirect(`/w/${workspaces[0].workspaceSlug}/inbox${inboxQuery}`);

  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <h1 className="text-xl font-semibold">Choose a workspace</h1>
        <p className="mt-1 text-sm text-slate-600">Signed in as {user.email}</p>
        {workspaces.length === 0 ? (
          <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            You are not a member of any workspace yet. Ask a shop admin to invite you.
          </p>
        ) : (
          <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
            {workspaces.map((w) => (
              <li key={w.workspaceId}>
                <Link
                  href={`/w/${w.workspaceSlug}/inbox${inboxQuery}`}
                  className="flex items-center justify-between px-4 py-3 hover:bg-slate-50"
                >
                  <span className="font-medium">{w.workspaceName}</span>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs capitalize text-slate-600">{w.role}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <form action={signOutAction} className="mt-6 text-center">
          <button type="submit" className="text-sm text-slate-600 underline hover:text-slate-900">
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
