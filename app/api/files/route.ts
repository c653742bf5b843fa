import { z } from 'zod';
import { getDb } from '@/lib/db';
import { parseInput, refuseBody, workspaceRoute } from '@/lib/auth/route';
import { UserError } from '@/lib/errors';
import { agentUploadInput, uploadAgentFile } from '@/lib/files/agent-upload';
import { AGENT_UPLOAD_MAX_REQUEST_BYTES } from '@/lib/files/upload-check';
import { readFormCapped } from '@/lib/http/read-body';

/**
 * An agent uploads an attachment for a conversation: `POST /api/files?workspaceId=…` with
 * multipart `conversationId` and `file`. The workspace is named in the URL so the session
 * and membership are checked before any of the body is read; then the body is read with a
 * cap and parsed like an action's input. Answers `{ ok, data: { id, … } }`.
 */
export const POST = workspaceRoute(
  {
    params: z.object({ workspaceId: z.uuid('Name the workspace in the URL (?workspaceId=…).') }),
    workspace: ({ workspaceId }) => ({ id: workspaceId }),
    role: 'agent',
    sameOriginOnly: true,
    okStatus: 201,
  },
  async (request, { ctx }) => {
    const type = request.headers.get('content-type')?.toLowerCase() ?? '';
    if (!type.startsWith('multipart/form-data')) return refuseBody(415, 'Send the file as multipart/form-data.');
    const read = await readFormCapped(request, AGENT_UPLOAD_MAX_REQUEST_BYTES);
    if (!read.ok && read.reason === 'too_large') return refuseBody(413, 'Files can be at most 25 MB.');
    if (!read.ok) throw new UserError('invalid', 'The upload is not valid multipart form data.');
    return uploadAgentFile(getDb(), ctx, parseInput(agentUploadInput, read.form));
  },
);
