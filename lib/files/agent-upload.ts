import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getAdapter } from '@/channels';
import type { DbOrTx } from '@/db/client';
import { channels, conversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { saveFile } from './storage';
import { checkAgentUpload } from './upload-check';

export const agentUploadInput = z.object({
  conversationId: z.uuid(),
  file: z.instanceof(File, { message: 'Attach a file in the "file" field' }),
});

export type UploadedFile = { id: string; name: string; mimeType: string; size: number; kind: 'image' | 'video' | 'audio' | 'file' };

/**
 * An agent's attachment for a conversation: checked (type by its bytes, size by kind),
 * then stored. Sending it is a separate step (sendContent), so the agent can add a caption.
 */
export async function uploadAgentFile(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof agentUploadInput>): Promise<UploadedFile> {
  const [conv] = await db
    .select({ kind: channels.kind })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!conv) throw new UserError('not_found', 'This conversation does not exist.');
  const rules = getAdapter(conv.kind).rules;
  if (!rules.outboundKinds.includes('media')) {
    throw new UserError('invalid', 'This channel cannot send attachments.');
  }
  const data = Buffer.from(await input.file.arrayBuffer());
  const checked = checkAgentUpload({ data, declaredType: input.file.type });
  if (!checked.ok) throw new UserError('invalid', checked.error);
  if (checked.kind === 'audio' && !rules.audio) throw new UserError('invalid', 'This channel cannot receive audio messages.');
  const stored = await saveFile(db, ctx.workspaceId, { data, name: input.file.name || 'file', mimeType: checked.mimeType });
  return { id: stored.id, name: stored.name, mimeType: stored.mimeType, size: stored.size, kind: checked.kind };
}
