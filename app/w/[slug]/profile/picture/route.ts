import { z } from 'zod';
import { getDb } from '@/lib/db';
import { parseInput, refuseBody, workspaceRoute } from '@/lib/auth/route';
import { UserError } from '@/lib/errors';
import { readFormCapped } from '@/lib/http/read-body';
import { PICTURE_MAX_BYTES, setProfilePicture } from '@/lib/members/profile';

// The profile picture upload. A route handler rather than a server action because server
// actions accept 1 MB bodies and pictures may be 4 MB. The session and the membership of
// the workspace in the URL are checked before the body is read; then the form is parsed
// like an action's input.

const input = z.object({ picture: z.instanceof(File, { message: 'Choose a picture' }) });

// A little over 4 MB allows for the multipart framing around the file.
const MAX_REQUEST_BYTES = PICTURE_MAX_BYTES + 64 * 1024;

export const POST = workspaceRoute(
  {
    params: z.object({ slug: z.string().min(1) }),
    workspace: ({ slug }) => ({ slug }),
    role: 'agent',
    sameOriginOnly: true,
  },
  async (request, { ctx }) => {
    const read = await readFormCapped(request, MAX_REQUEST_BYTES);
    if (!read.ok && read.reason === 'too_large') return refuseBody(413, 'Pictures can be at most 4 MB.');
    if (!read.ok) throw new UserError('invalid', 'Send the picture as a form upload.');
    const { picture } = parseInput(input, read.form);
    return setProfilePicture(getDb(), ctx, { data: Buffer.from(await picture.arrayBuffer()) });
  },
);
