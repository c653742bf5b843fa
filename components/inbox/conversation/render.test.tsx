import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationView, HistoryMessage } from '@/lib/inbox/history';
import { messageContent } from '@/lib/inbox/history-content';
import { composerVariables } from '@/lib/composer/variables';

// Server-rendered markup of the conversation panel's client parts (no browser here): what
// reaches the page first, and that message text can never become markup.
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh() {} }) }));
vi.mock('@/app/w/[slug]/inbox/actions', () => ({ sendReplyAction: vi.fn(), retryMessageAction: vi.fn(), markReadAction: vi.fn(async () => ({ ok: true })) }));
vi.mock('@/app/w/[slug]/inbox/conversation-actions', () => ({
  loadHistoryAction: vi.fn(),
  loadMessagesAction: vi.fn(),
  composerLookupAction: vi.fn(),
  listTemplatesAction: vi.fn(),
  sendTemplateAction: vi.fn(),
  sendContentAction: vi.fn(),
  agentTypingAction: vi.fn(),
}));
vi.mock('@/app/w/[slug]/inbox/article-actions', () => ({ searchSendableArticlesAction: vi.fn(), sendArticleAction: vi.fn() }));
vi.mock('@/app/w/[slug]/inbox/optin-actions', () => ({ sendOptinRequestAction: vi.fn() }));
vi.mock('@/app/w/[slug]/inbox/cobrowse-actions', () => ({ cobrowseStateAction: vi.fn(async () => ({ ok: true, data: { enabled: false, session: null } })), requestCobrowseAction: vi.fn(), endCobrowseAction: vi.fn() }));

const { MessageList } = await import('../message-list');
const { ConversationClient } = await import('./conversation-client');

let seq = 0;
function message(kind: string, extra: Partial<HistoryMessage> & { payload?: Record<string, unknown> | null } = {}): HistoryMessage {
  const { payload = null, ...rest } = extra;
  const body = rest.body ?? null;
  const attachments = rest.attachments ?? [];
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationId: 'c1',
    seq,
    direction: 'inbound',
    senderKind: 'customer',
    senderUserId: null,
    senderName: null,
    kind,
    body,
    attachments,
    content: messageContent({ kind: kind as never, body, attachments, payload }),
    status: 'received',
    error: null,
    createdAt: new Date(Date.UTC(2025, 2, 1, 10, 0, seq)).toISOString(),
    ...rest,
  };
}

describe('MessageList', () => {
  it('renders text safely, with links that open without a handle on the app', () => {
    const html = renderToString(
      <MessageList
        workspaceId="w"
        contactName="Kerry"
        messages={[message('text', { body: '<img src=x onerror=alert(1)> see https://shop.example/a?b=1&c=2' })]}
      />,
    );
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://shop.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow"');
    expect(html).toContain('aria-label="Messages"');
  });

  it('renders each kind: media, file with size, location map, contact, product, template, status, note, failed with retry', () => {
    const html = renderToString(
      <MessageList
        workspaceId="w"
        contactName="Kerry"
        messages={[
          message('image', { attachments: [{ kind: 'image', url: '/api/files/3f1e2d4c-5b6a-4789-8abc-0123456789ab', name: 'slip.png' }] }),
          message('file', { attachments: [{ kind: 'file', url: '/api/files/0a1e2d4c-5b6a-4789-8abc-0123456789ab', name: 'invoice.pdf', size: 250_000 }] }),
          message('location', { payload: { latitude: 13.75, longitude: 100.5, name: 'Demo Shop' } }),
          message('contact', { payload: { contacts: [{ name: 'Jane', phones: ['+66 1'] }] } }),
          message('product', { direction: 'outbound', senderKind: 'agent', senderName: 'Ben', status: 'read', payload: { name: 'Tote', price: '฿590' } }),
          message('template', { direction: 'outbound', senderKind: 'agent', senderName: 'Chloe', status: 'sent', body: 'Template: back_in_stock', payload: { outbound: { name: 'back_in_stock', language: 'en_US', parameters: ['Anan'] }, template: { rendered: 'Good news Anan!' } } }),
          message('article', { direction: 'outbound', senderKind: 'agent', senderName: 'Ben', status: 'sent', body: 'Returns', payload: { outbound: { kind: 'article', article: { articleId: 'a', title: 'Returns', excerpt: 'Within 30 days', url: 'javascript:alert(1)' } } } }),
          message('status', { direction: 'internal', senderKind: 'system', body: 'Ben took over' }),
          message('note', { direction: 'internal', senderKind: 'agent', senderName: 'Ben', body: 'VIP' }),
          message('text', { direction: 'outbound', senderKind: 'agent', senderName: 'Ben', body: 'Hello?', status: 'failed', error: '131047: Re-engagement message' }),
        ]}
      />,
    );
    expect(html).toContain('src="/api/files/3f1e2d4c-5b6a-4789-8abc-0123456789ab"');
    expect(html).toContain('invoice.pdf');
    expect(html).toContain('244 KB');
    expect(html).toContain('https://www.google.com/maps/search/?api=1&amp;query=13.75%2C100.5');
    expect(html).toContain('Jane');
    expect(html).toContain('฿590');
    expect(html).toContain('data-testid="article-card"');
    expect(html).toContain('Within 30 days');
    expect(html).not.toContain('javascript:alert');
    expect(html).toContain('Template · back_in_stock');
    expect(html).toContain('Good news Anan!');
    expect(html).toContain('data-testid="status-message"');
    expect(html).toContain('data-testid="note-message"');
    expect(html).toContain('Not sent<!-- -->: 131047: Re-engagement message');
    expect(html).toContain('Retry');
    expect(html).toContain('data-status="read"');
  });

  it('loads media only from Baton: an outside URL or a failed download shows as unavailable, with Retry for inbound media', () => {
    const html = renderToString(
      <MessageList
        workspaceId="w"
        contactName="Kerry"
        messages={[
          message('image', { attachments: [{ kind: 'image', url: 'http://169.254.169.254/latest/meta-data/', name: 'meta.png' }] }),
          message('image', {
            attachments: [{ kind: 'image', url: '', name: 'photo.jpg', unavailable: 'refused, 127.0.0.1 is a loopback address', source: { url: 'http://127.0.0.1/x' } }],
          }),
        ]}
      />,
    );
    expect(html).not.toContain('169.254.169.254');
    expect(html).not.toContain('127.0.0.1/x');
    expect(html).toContain('Attachment unavailable: <!-- -->not stored in Baton');
    expect(html).toContain('Attachment unavailable: <!-- -->refused, 127.0.0.1 is a loopback address');
    expect(html.match(/>Retry</g)).toHaveLength(1);
  });
});

describe('ConversationClient', () => {
  const view: ConversationView = {
    id: 'c1',
    status: 'open',
    handler: 'agent',
    version: 3,
    contact: { id: 'k', name: 'Anan Boonmee', email: null, phone: null, avatarUrl: null, customData: {} },
    channel: { id: 'ch', kind: 'whatsapp', name: 'WhatsApp' },
    assignee: { id: 'u1', name: 'Chloe' },
    workspace: { name: 'Demo Shop', timezone: 'Asia/Bangkok' },
    followUp: false,
    priority: 'none',
    sla: null,
    flow: null,
    replyWindow: { state: 'templates_only', reason: 'More than 24 h since the customer wrote: WhatsApp only delivers approved templates' },
    rules: { outboundKinds: ['text', 'media', 'location', 'contact', 'template', 'product'], maxTextLength: 4096, audio: true },
    messages: [message('text', { body: 'thanks 🙏' })],
    olderCursor: null,
    previousConversations: 1,
  };

  it('renders the history, the window state with templates offered, and the composer with its accessible names', () => {
    const html = renderToString(
      <ConversationClient
        workspaceId="w"
        conversation={view}
        me={{ id: 'u1', name: 'Chloe' }}
        variables={composerVariables({ customerName: 'Anan Boonmee', agentName: 'Chloe', shopName: 'Demo Shop' })}
      />,
    );
    expect(html).toContain('thanks 🙏');
    expect(html).toContain('Load previous conversations');
    expect(html).toContain('More than 24 h since the customer wrote');
    expect(html).toContain('Send template message');
    expect(html).toContain('Reply to the customer');
    expect(html).toMatch(/<textarea[^>]*disabled=""/);
    expect(html).toContain('Note');
  });
});
