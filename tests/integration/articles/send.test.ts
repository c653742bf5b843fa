import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { messages, workspaces } from '@/db/schema';
import { lineUserId, lineWebhook, messengerWebhook, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { saveArticle, setArticleStatus } from '@/lib/articles/admin';
import { sendArticle } from '@/lib/articles/send';
import { UserError } from '@/lib/errors';
import { toWidgetMessage } from '@/lib/widget/render';
import { createConversation } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';
import { described, flow, messengerCustomer } from '../flows/helpers';
import { articleShop, writeArticle } from './helpers';

const ORIGIN = 'https://baton.example';

let fakes: FakePlatforms;
let world: ChannelWorld;
let shop: Awaited<ReturnType<typeof articleShop>>;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  shop = await articleShop('Channel Shop', world.workspace.id);
});

async function customersWrite() {
  const fb = world.facebook;
  await deliver('facebook', fb.channel.id, messengerWebhook({ pageId: fb.pageId, psid: '42424242424242', text: 'how do returns work?' }, fb.secrets.appSecret));
  const wa = world.whatsapp;
  await deliver('whatsapp', wa.channel.id, whatsappWebhook({ phoneNumberId: wa.phoneNumberId, waId: '66800000001', name: 'K', text: 'returns?' }, wa.secrets.appSecret));
  const ln = world.line;
  await deliver('line', ln.channel.id, lineWebhook({ destination: ln.botUserId, userId: lineUserId(), text: 'returns?' }, ln.secrets.channelSecret));
  for (const c of [fb, wa, ln]) await settled(c.channel.id);
  return Promise.all([fb, wa, ln].map(async (c) => (await conversationsOf(c.channel.id))[0]));
}

describe('sending an article', () => {
  it('reaches Messenger as a generic template, WhatsApp as text with a link preview and LINE as a flex bubble, each accepted by the platform', async () => {
    const article = await writeArticle(shop.adminCtx, { title: 'How do returns work?', bodyMd: 'Free within **30 days**.' });
    const [fb, wa, ln] = await customersWrite();
    for (const c of [fb, wa, ln]) await sendArticle(getDb(), shop.agentCtx, { conversationId: c.id, articleId: article.id }, ORIGIN);
    await waitFor('three article cards', async () => fakes.meta.sent.length >= 2 && fakes.line.sent.length >= 1);

    const url = `${ORIGIN}/help/${encodeURIComponent((await slug()))}/how-do-returns-work?lang=en`;
    const messenger = fakes.meta.sent.find((s) => s.platform === 'facebook')!.message as { attachment: { payload: { template_type: string; elements: Record<string, unknown>[] } } };
    expect(messenger.attachment.payload.template_type).toBe('generic');
    expect(messenger.attachment.payload.elements[0]).toMatchObject({ title: 'How do returns work?', subtitle: 'Free within 30 days.', buttons: [{ type: 'web_url', url, title: 'Read article' }] });
    const whatsapp = fakes.meta.sent.find((s) => s.platform === 'whatsapp')!.message as { type: string; text: { preview_url: boolean; body: string } };
    expect(whatsapp).toMatchObject({ type: 'text', text: { preview_url: true } });
    expect(whatsapp.text.body.endsWith(url)).toBe(true);
    const line = fakes.line.sent[0].message as { type: string; contents: unknown };
    expect(line.type).toBe('flex');
    expect(JSON.stringify(line.contents)).toContain(JSON.stringify(url).slice(1, -1));

    const stored = await getDb().select().from(messages).where(and(eq(messages.conversationId, fb.id), eq(messages.kind, 'article')));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ direction: 'outbound', senderKind: 'agent', body: 'How do returns work?' });
    await waitFor('sent', async () => (await getDb().select().from(messages).where(eq(messages.id, stored[0].id)))[0].status === 'sent');
  });

  it('keeps a snapshot: editing the article later does not rewrite the chat', async () => {
    const article = await writeArticle(shop.adminCtx, { title: 'Sizes', bodyMd: 'S, M and L.' });
    const web = await createConversation(getDb(), shop.workspaceId);
    await sendArticle(getDb(), shop.agentCtx, { conversationId: web.conversation.id, articleId: article.id }, ORIGIN);
    await saveArticle(getDb(), shop.adminCtx, { id: article.id, title: 'Sizes and fit', bodyMd: 'XS to XL.', locale: 'en', slug: 'sizes', excerpt: '', categoryId: null });
    const [m] = await getDb().select().from(messages).where(and(eq(messages.conversationId, web.conversation.id), eq(messages.kind, 'article')));
    expect(m.payload).toMatchObject({ outbound: { kind: 'article', article: { articleId: article.id, title: 'Sizes', excerpt: 'S, M and L.' } } });
    // The visitor's widget shows it as a card with the link.
    const view = toWidgetMessage(m, { authorName: 'Ana', agentReadUpTo: null }, { channelToken: 't', channelId: web.channel.id });
    expect(view.article).toEqual({ title: 'Sizes', excerpt: 'S, M and L.', url: expect.stringMatching(/^https:\/\/baton\.example\/help\/.+\/sizes\?lang=en$/) });
    expect(view.text).toBeNull();
  });

  it('refuses drafts, archived articles and other shops’ articles with a clear reason', async () => {
    const draft = await writeArticle(shop.adminCtx, { title: 'Coming soon', bodyMd: 'x', publish: false });
    const archived = await writeArticle(shop.adminCtx, { title: 'Old policy', bodyMd: 'x' });
    await setArticleStatus(getDb(), shop.adminCtx, { id: archived.id, status: 'archived' });
    const other = await articleShop('Other');
    const foreign = await writeArticle(other.adminCtx, { title: 'Theirs', bodyMd: 'x' });
    const web = await createConversation(getDb(), shop.workspaceId);
    const send = (articleId: string) => sendArticle(getDb(), shop.agentCtx, { conversationId: web.conversation.id, articleId }, ORIGIN);
    await expect(send(draft.id)).rejects.toThrow('"Coming soon" is a draft: only published articles can be sent.');
    await expect(send(archived.id)).rejects.toThrow('"Old policy" is archived: only published articles can be sent.');
    await expect(send(foreign.id)).rejects.toThrow(UserError);
    expect(await getDb().select().from(messages).where(and(eq(messages.conversationId, web.conversation.id), eq(messages.kind, 'article')))).toEqual([]);
  });
});

describe('the flow step "send article"', () => {
  it('the bot answers with the article card, and hands off once the article is unpublished', async () => {
    const article = await writeArticle(shop.adminCtx, { title: 'Returns', bodyMd: 'Free within 30 days.' });
    await flow(world.workspace.id, 'Returns bot', {
      start: 'send',
      steps: [
        { id: 'send', type: 'send_article', articleId: article.id, text: 'This should help:', next: 'done' },
        { id: 'done', type: 'end' },
      ],
    }, { keywords: ['return'] });
    const kerry = messengerCustomer(world, fakes);
    expect(described(await kerry.say({ text: 'return' }))).toEqual([
      { text: 'This should help:', quickReplies: undefined },
      { card: 'Returns', buttons: ['Read article'] },
    ]);

    await setArticleStatus(getDb(), shop.adminCtx, { id: article.id, status: 'draft' });
    const lee = messengerCustomer(world, fakes);
    const sent = await lee.say({ text: 'return' });
    expect(JSON.stringify(sent)).not.toContain('Read article');
    expect((await lee.conversation())?.handler).toBe('queue');
  });
});

async function slug() {
  const [ws] = await getDb().select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, shop.workspaceId));
  return ws.slug;
}
