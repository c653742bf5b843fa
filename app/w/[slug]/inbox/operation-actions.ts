'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { assignConversation, assignInput } from '@/lib/inbox/ops/assign';
import { followUpInput, setFollowUp } from '@/lib/inbox/ops/follow-up';
import { handBack, handBackInput } from '@/lib/inbox/ops/hand-back';
import { resolveConversation } from '@/lib/inbox/ops/resolve';
import { conversationInput, takeOver } from '@/lib/inbox/ops/take-over';
import { priorityInput, setPriority } from '@/lib/inbox/ops/set-priority';

export const takeOverAction = workspaceAction({ input: conversationInput, role: 'agent' }, (input, ctx) => takeOver(getDb(), ctx, input));
export const assignAction = workspaceAction({ input: assignInput, role: 'agent' }, (input, ctx) => assignConversation(getDb(), ctx, input));
export const resolveAction = workspaceAction({ input: conversationInput, role: 'agent' }, (input, ctx) => resolveConversation(getDb(), ctx, input));
export const handBackAction = workspaceAction({ input: handBackInput, role: 'agent' }, (input, ctx) => handBack(getDb(), ctx, input));
export const priorityAction = workspaceAction({ input: priorityInput, role: 'agent' }, (input, ctx) => setPriority(getDb(), ctx, input));
export const followUpAction = workspaceAction({ input: followUpInput, role: 'agent' }, (input, ctx) => setFollowUp(getDb(), ctx, input));
