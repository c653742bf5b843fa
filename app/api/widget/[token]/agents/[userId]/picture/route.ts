import { serveAgentPicture } from '@/lib/widget/agent-pictures';
import { rateLimit, visitorAddress } from '@/lib/widget/context';
import { widgetRoute } from '@/lib/widget/http';
import { widgetLimits } from '@/lib/widget/rate-limit';

/** An agent's profile picture for the chat's header: only the channel's workspace's active members. */
export const GET = widgetRoute<{ token: string; userId: string }>(async ({ request, db, channel, params }) => {
  rateLimit(widgetLimits.files, `agent-picture:${visitorAddress(request)}`);
  return serveAgentPicture(db, channel, params.userId);
});
