import { POST as receive } from '../route';

// Apple's gateway posts to "<the provider's Messaging API endpoint>/message": an Apple
// channel's webhook URL is that endpoint, so its messages arrive here. Other kinds have no
// such path.

type Context = { params: Promise<{ kind: string; channelId: string }> };

export async function POST(request: Request, context: Context) {
  const { kind } = await context.params;
  if (kind !== 'apple') return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  return receive(request, context);
}
