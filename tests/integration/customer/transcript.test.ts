import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, users, workspaces } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { csvCell } from '@/lib/contacts/csv';
import { sessionOf } from '../support/fixtures';
import { addMessages, createCustomer, createShop, type Shop } from './helpers';

// The route reads the session from Auth.js cookies; here the signed-in user is given
// directly, as in the server-actions tests. Membership and data are real.
let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));

const { GET } = await import('@/app/api/conversations/[conversationId]/transcript/route');

const download = (conversationId: string, headers: Record<string, string> = {}) =>
  GET(new Request(`http://shop.test/api/conversations/${conversationId}/transcript`, { headers }), { params: Promise.resolve({ conversationId }) });

/** A small RFC 4180 reader, to check the file the way a spreadsheet would read it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

let shop: Shop;
let customer: Awaited<ReturnType<typeof createCustomer>>;

beforeEach(async () => {
  const db = getDb();
  shop = await createShop(db, 'Csv Shop');
  customer = await createCustomer(db, shop, { name: 'Kerry "K" Smith' });
  await addMessages(db, shop, customer.conversation, [
    { at: '2026-03-01T09:00:00.000Z', senderKind: 'customer', body: 'Hello, is the dress, the green one, in stock?' },
    { at: '2026-03-01T09:00:05.000Z', senderKind: 'bot', body: 'Welcome!\nHow can we help?' },
    { at: '2026-03-01T09:01:00.000Z', senderKind: 'system', kind: 'status', body: 'Csv Shop Agent took over' },
    { at: '2026-03-01T09:02:00.000Z', senderKind: 'agent', userId: shop.agent.id, body: '=HYPERLINK("http://evil.example","click")' },
    { at: '2026-03-01T09:03:00.000Z', senderKind: 'customer', body: '+66 81 234 5678' },
    { at: '2026-03-01T09:03:30.000Z', senderKind: 'customer', body: '-1+1' },
    { at: '2026-03-01T09:04:00.000Z', senderKind: 'customer', body: '@SUM(A1:A2)' },
    {
      at: '2026-03-01T09:05:00.000Z',
      senderKind: 'customer',
      kind: 'image',
      body: null,
      attachments: [
        { kind: 'image', url: '/api/files/8a0d4f7e-1111-4222-8333-944455556666', mimeType: 'image/jpeg' },
        { kind: 'image', url: 'https://cdn.example/p.jpg' },
        { kind: 'image', url: 'https://app.example/api/files/0F8FAD5B-D9CB-469F-A165-70867728950E?exp=1999999999&sig=abc123' },
      ],
    },
    { at: '2026-03-01T09:06:00.000Z', senderKind: 'agent', userId: shop.agent.id, kind: 'note', body: 'VIP, offer free shipping' },
    { at: '2026-03-01T09:07:00.000Z', senderKind: 'customer', kind: 'location', payload: { latitude: 13.7466, longitude: 100.5393, name: 'Siam Paragon', address: 'Rama I Rd' } },
  ]);
});

describe('transcript CSV export', () => {
  it('is one row per message with time, sender, channel, kind, text, attachment URLs and the note flag', async () => {
    currentUser = sessionOf(shop.agent);
    const response = await download(customer.conversation.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="transcript-kerry-k-smith-\d{4}-\d{2}-\d{2}\.csv"/);
    // The file starts with a UTF-8 byte order mark, so spreadsheets read Thai and emoji right.
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    // The agent chose no zone and their browser has not said its own: the shop's (UTC here).
    expect(rows[0]).toEqual(['Time', 'Sender kind', 'Sender name', 'Channel', 'Kind', 'Text', 'Attachment URLs', 'Note']);
    expect(rows.slice(1)).toEqual([
      ['2026-03-01T09:00:00.000+00:00', 'customer', 'Kerry "K" Smith', 'WhatsApp', 'text', 'Hello, is the dress, the green one, in stock?', '', 'no'],
      ['2026-03-01T09:00:05.000+00:00', 'bot', 'Bot', 'WhatsApp', 'text', 'Welcome!\nHow can we help?', '', 'no'],
      ['2026-03-01T09:01:00.000+00:00', 'system', 'System', 'WhatsApp', 'status', 'Csv Shop Agent took over', '', 'no'],
      // Formula-looking cells are prefixed with a quote, so a spreadsheet shows them as text.
      ['2026-03-01T09:02:00.000+00:00', 'agent', 'Csv Shop Agent', 'WhatsApp', 'text', `'=HYPERLINK("http://evil.example","click")`, '', 'no'],
      ['2026-03-01T09:03:00.000+00:00', 'customer', 'Kerry "K" Smith', 'WhatsApp', 'text', "'+66 81 234 5678", '', 'no'],
      ['2026-03-01T09:03:30.000+00:00', 'customer', 'Kerry "K" Smith', 'WhatsApp', 'text', "'-1+1", '', 'no'],
      ['2026-03-01T09:04:00.000+00:00', 'customer', 'Kerry "K" Smith', 'WhatsApp', 'text', "'@SUM(A1:A2)", '', 'no'],
      [
        '2026-03-01T09:05:00.000+00:00',
        'customer',
        'Kerry "K" Smith',
        'WhatsApp',
        'image',
        '',
        // Our own files by their members-only address (never a signed public link).
        'http://shop.test/api/files/8a0d4f7e-1111-4222-8333-944455556666\nhttps://cdn.example/p.jpg\nhttp://shop.test/api/files/0f8fad5b-d9cb-469f-a165-70867728950e',
        'no',
      ],
      ['2026-03-01T09:06:00.000+00:00', 'agent', 'Csv Shop Agent', 'WhatsApp', 'note', 'VIP, offer free shipping', '', 'yes'],
      ['2026-03-01T09:07:00.000+00:00', 'customer', 'Kerry "K" Smith', 'WhatsApp', 'location', 'Siam Paragon, Rama I Rd (13.7466, 100.5393)', '', 'no'],
    ]);
    // The export is audited (without the transcript's content).
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, shop.workspace.id));
    expect(audit.map((a) => [a.action, a.actorUserId, a.targetId, a.data])).toEqual([
      ['conversation.transcript_exported', shop.agent.id, customer.conversation.id, { messages: 10 }],
    ]);
  });

  it('writes ISO 8601 times with the offset of the agent’s zone: their profile’s, else their browser’s, else the shop’s', async () => {
    const db = getDb();
    const times = async (headers: Record<string, string> = {}) => parseCsv(await (await download(customer.conversation.id, headers)).text()).slice(1, 3).map((r) => r[0]);
    currentUser = sessionOf(shop.agent);

    await db.update(workspaces).set({ timezone: 'Asia/Bangkok' }).where(eq(workspaces.id, shop.workspace.id));
    expect(await times()).toEqual(['2026-03-01T16:00:00.000+07:00', '2026-03-01T16:00:05.000+07:00']);
    // The browser's zone, which it keeps in a cookie, wins over the shop's.
    expect(await times({ cookie: 'other=1; baton_tz=America%2FNew_York' })).toEqual(['2026-03-01T04:00:00.000-05:00', '2026-03-01T04:00:05.000-05:00']);
    expect(await times({ cookie: 'baton_tz=Not%2FA_Zone' })).toEqual(['2026-03-01T16:00:00.000+07:00', '2026-03-01T16:00:05.000+07:00']);
    // A zone chosen on the profile wins over both.
    await db.update(users).set({ timeZone: 'Asia/Kathmandu' }).where(eq(users.id, shop.agent.id));
    expect(await times({ cookie: 'baton_tz=America%2FNew_York' })).toEqual(['2026-03-01T14:45:00.000+05:45', '2026-03-01T14:45:05.000+05:45']);
  });

  it('escapes every dangerous cell start, quotes and line breaks', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('  =1+2')).toBe("'  =1+2");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
    expect(csvCell('＝1+2')).toBe("'＝1+2");
    expect(csvCell('a "quote", and more')).toBe('"a ""quote"", and more"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('2026-03-01T09:00:00.000Z')).toBe('2026-03-01T09:00:00.000Z');
    expect(csvCell(null)).toBe('');
  });

  it('is for signed-in members of the conversation’s workspace only', async () => {
    currentUser = null;
    expect((await download(customer.conversation.id)).status).toBe(401);

    const other = await createShop(getDb(), 'Nosy Shop');
    currentUser = sessionOf(other.admin);
    const refused = await download(customer.conversation.id);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe('Not found');

    currentUser = sessionOf(shop.agent);
    expect((await download('not-a-uuid')).status).toBe(404);
    expect((await download('0f8fad5b-d9cb-469f-a165-70867728950e')).status).toBe(404);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, shop.workspace.id))).toHaveLength(0);
  });
});
