import 'server-only';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { findMembership, roleAllows, type Role, type WorkspaceMembership } from './membership';
import { realtimeSessionTag } from '@/lib/realtime/session-tag';
import { requireSessionUser, type SessionUser } from './session';
import type { ActorContext } from './action-core';

export type WorkspacePageContext = ActorContext & {
  user: SessionUser;
  membership: WorkspaceMembership;
  /** Names this sign-in to the tab's realtime client (see realtimeSessionTag). */
  sessionTag: string;
};

/**
 * For pages and layouts under /w/[slug]: the signed-in member of that workspace, or a
 * redirect to sign-in, or 404 for a workspace the user does not belong to (not 403, so
 * workspace slugs cannot be probed). Cached per request: layout and page share one query.
 */
export const requireWorkspaceMember = cache(async (slug: string): Promise<WorkspacePageContext> => {
  const user = await requireSessionUser();
  const membership = await findMembership(getDb(), user.id, { slug });
  if (!membership) notFound();
  return {
    user,
    membership,
    sessionTag: realtimeSessionTag(user.sessionId ?? user.id),
    workspaceId: membership.workspaceId,
    actor: { id: user.id, name: user.name, email: user.email, role: membership.role },
  };
});

export async function requireWorkspaceRole(slug: string, role: Role): Promise<WorkspacePageContext> {
  const ctx = await requireWorkspaceMember(slug);
  if (!roleAllows(ctx.membership.role, role)) redirect(`/w/${slug}/inbox`);
  return ctx;
}
