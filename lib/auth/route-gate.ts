import { getDb } from '@/db/client';
import { findMembership, roleAllows, type Role } from './membership';
import type { SessionUser } from './session';

export type GateResult =
  | { ok: true; workspaceId: string }
  | { ok: false; status: 401 | 403; code: 'unauthenticated' | 'forbidden'; error: string };

/**
 * For route handlers that take an upload: the session, the workspace membership and the
 * role are checked from the URL and headers alone, before one byte of the body is read, so
 * a stranger cannot make the server buffer anything. The handler still runs its full
 * action checks (runWorkspaceAction) on the parsed input afterwards.
 */
export async function gateWorkspaceMember(
  user: SessionUser | null,
  workspace: { id: string } | { slug: string },
  role: Role,
): Promise<GateResult> {
  if (!user) return { ok: false, status: 401, code: 'unauthenticated', error: 'Your session has ended. Sign in again.' };
  const membership = await findMembership(getDb(), user.id, workspace);
  if (!membership) return { ok: false, status: 403, code: 'forbidden', error: 'You are not a member of this workspace.' };
  if (!roleAllows(membership.role, role)) return { ok: false, status: 403, code: 'forbidden', error: 'Only workspace admins can do this.' };
  return { ok: true, workspaceId: membership.workspaceId };
}
