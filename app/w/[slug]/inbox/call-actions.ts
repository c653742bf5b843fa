'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { endCallAsAgent, endCallInput } from '@/lib/calls/agent-end';
import { startCall, startCallInput } from '@/lib/calls/start';

/** An agent calls the conversation's website visitor (video or voice). */
export const startCallAction = workspaceAction({ input: startCallInput, role: 'agent' }, (input, ctx) => startCall(getDb(), ctx, input));

/** An agent hangs up, cancels a ringing call, or lets it count as missed after the ring's timeout. */
export const endCallAction = workspaceAction({ input: endCallInput, role: 'agent' }, (input, ctx) => endCallAsAgent(getDb(), ctx, input));
