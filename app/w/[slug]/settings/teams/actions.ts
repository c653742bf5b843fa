'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import {
  addTeamMember,
  createTeam,
  createTeamInput,
  deleteTeam,
  deleteTeamInput,
  removeTeamMember,
  renameTeam,
  renameTeamInput,
  teamMemberInput,
} from '@/lib/teams/manage';

const refresh = () => revalidatePath('/w/[slug]/settings', 'layout');

export const createTeamAction = workspaceAction({ input: createTeamInput, role: 'admin' }, async (input, ctx) => {
  const team = await createTeam(getDb(), ctx, input);
  refresh();
  return team;
});

export const renameTeamAction = workspaceAction({ input: renameTeamInput, role: 'admin' }, async (input, ctx) => {
  const team = await renameTeam(getDb(), ctx, input);
  refresh();
  return team;
});

export const deleteTeamAction = workspaceAction({ input: deleteTeamInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteTeam(getDb(), ctx, input);
  refresh();
  return result;
});

export const addTeamMemberAction = workspaceAction({ input: teamMemberInput, role: 'admin' }, async (input, ctx) => {
  const result = await addTeamMember(getDb(), ctx, input);
  refresh();
  return result;
});

export const removeTeamMemberAction = workspaceAction({ input: teamMemberInput, role: 'admin' }, async (input, ctx) => {
  const result = await removeTeamMember(getDb(), ctx, input);
  refresh();
  return result;
});
