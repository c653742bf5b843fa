'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { regenerateInvite, regenerateInviteInput, type IssuedInvite } from '@/lib/members/invites';
import {
  addMember,
  addMemberInput,
  setMemberActive,
  setMemberActiveInput,
  updateMember,
  updateMemberInput,
} from '@/lib/members/manage';

/** The link as the admin sees it once: its path (the page adds its own origin) and expiry. */
export type InviteLink = { path: string; expiresAt: string };

const toLink = (invite: IssuedInvite): InviteLink => ({ path: invite.path, expiresAt: invite.expiresAt.toISOString() });

const refresh = () => revalidatePath('/w/[slug]/settings', 'layout');

export const addMemberAction = workspaceAction({ input: addMemberInput, role: 'admin' }, async (input, ctx) => {
  const added = await addMember(getDb(), ctx, input);
  refresh();
  return { userId: added.userId, name: added.name, email: added.email, invite: toLink(added.invite) };
});

export const updateMemberAction = workspaceAction({ input: updateMemberInput, role: 'admin' }, async (input, ctx) => {
  const result = await updateMember(getDb(), ctx, input);
  refresh();
  return result;
});

export const setMemberActiveAction = workspaceAction({ input: setMemberActiveInput, role: 'admin' }, async (input, ctx) => {
  const result = await setMemberActive(getDb(), ctx, input);
  refresh();
  return result;
});

export const regenerateInviteAction = workspaceAction({ input: regenerateInviteInput, role: 'admin' }, async (input, ctx) => {
  const invite = await regenerateInvite(getDb(), ctx, input);
  return toLink(invite);
});
