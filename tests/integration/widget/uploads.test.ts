import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { files, messages } from '@/db/schema';
import { startTestRealtime } from '../support/realtime';
import { createWidgetWorld, history, newVisitor, resetLimits, type WidgetClient } from './helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(size: number): Buffer {
  const data = Buffer.alloc(size, 7);
  PNG_HEADER.copy(data);
  return data;
}

function upload(client: WidgetClient, bearer: string, file: { data: Buffer; name: string; type: string }, clientId = crypto.randomUUID()) {
  const form = new FormData();
  form.set('clientId', clientId);
  form.set('file', new File([new Uint8Array(file.data)], file.name, { type: file.type }));
  return client.send({ bearer, body: form });
}

describe('widget uploads', () => {
  it('stores an image, shows it in the history and serves it by its signed link', async () => {
    const { db, channel, client } = await createWidgetWorld();
    const visitor = await newVisitor(client);
    const clientId = crypto.randomUUID();
    const response = await upload(client, visitor.visitorToken, { data: png(2048), name: 'photo.png', type: 'image/png' }, clientId);
    expect(response.status).toBe(201);
    const { message } = await response.json();
    expect(message).toMatchObject({ from: 'visitor', clientId, attachments: [{ kind: 'image', name: 'photo.png', mimeType: 'image/png', size: 2048 }] });
    const url = new URL(message.attachments[0].url, 'http://localhost');
    expect(url.pathname).toMatch(new RegExp(`^/api/widget/${channel.externalId}/files/[0-9a-f-]{36}$`));

    // Agents see it as a stored file of the workspace.
    const [row] = await db.select().from(messages).where(eq(messages.id, message.id));
    expect(row.kind).toBe('image');
    expect(row.attachments[0].url).toMatch(/^\/api\/files\//);

    const fileId = url.pathname.split('/').pop()!;
    const served = await client.file(fileId, url.searchParams.get('sig'));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).subarray(0, 8)).toEqual(PNG_HEADER);
    expect((await client.file(fileId, 'forged')).status).toBe(404);
    expect((await client.file(fileId, null)).status).toBe(404);

    // A resend of the same upload stores nothing twice.
    const again = await upload(client, visitor.visitorToken, { data: png(2048), name: 'photo.png', type: 'image/png' }, clientId);
    expect(again.status).toBe(200);
    expect((await again.json()).message.id).toBe(message.id);
    expect(await db.select().from(files).where(eq(files.workspaceId, channel.workspaceId))).toHaveLength(1);

    const { body } = await history(client, visitor.visitorToken);
    expect(body.messages[0].attachments[0].url).toBe(message.attachments[0].url);
  });

  it('refuses images over 4 MB and files over 10 MB', async () => {
    const { db, channel, client } = await createWidgetWorld();
    const visitor = await newVisitor(client);
    const bigImage = await upload(client, visitor.visitorToken, { data: png(4 * 1024 * 1024 + 1), name: 'big.png', type: 'image/png' });
    expect(bigImage.status).toBe(413);
    expect(await bigImage.json()).toMatchObject({ code: 'too_large', error: 'Images can be at most 4 MB.' });

    // Declared as a PDF does not make a PNG's bytes anything but an image.
    const renamed = await upload(client, visitor.visitorToken, { data: png(5 * 1024 * 1024), name: 'big.pdf', type: 'application/pdf' });
    expect(renamed.status).toBe(413);

    const pdf = Buffer.alloc(10 * 1024 * 1024 + 10, 32);
    pdf.write('%PDF-1.7');
    const bigFile = await upload(client, visitor.visitorToken, { data: pdf, name: 'big.pdf', type: 'application/pdf' });
    expect(bigFile.status).toBe(413);

    const okPdf = await upload(client, visitor.visitorToken, { data: pdf.subarray(0, 4096), name: 'invoice.pdf', type: 'application/pdf' });
    expect(okPdf.status).toBe(201);
    expect((await okPdf.json()).message.attachments[0]).toMatchObject({ kind: 'file', name: 'invoice.pdf', mimeType: 'application/pdf' });
    expect(await db.select().from(files).where(eq(files.workspaceId, channel.workspaceId))).toHaveLength(1);
  });

  it('refuses types it does not accept, checked on the bytes', async () => {
    const { client } = await createWidgetWorld();
    const visitor = await newVisitor(client);
    const cases = [
      { data: Buffer.from('<svg onload="alert(1)"/>'), name: 'x.svg', type: 'image/svg+xml' },
      { data: Buffer.from('not really a png'), name: 'x.png', type: 'image/png' },
      { data: Buffer.from('MZ\x90\x00'), name: 'setup.exe', type: 'application/x-msdownload' },
      { data: Buffer.from('<html><script>alert(1)</script>'), name: 'x.html', type: 'text/html' },
      { data: Buffer.from('plain text'), name: 'fake.pdf', type: 'application/pdf' },
    ];
    for (const file of cases) {
      const response = await upload(client, visitor.visitorToken, file);
      expect(response.status, file.name).toBe(415);
      expect((await response.json()).code).toBe('unsupported_type');
    }
    const empty = await upload(client, visitor.visitorToken, { data: Buffer.alloc(0), name: 'e.txt', type: 'text/plain' });
    expect(empty.status).toBe(400);
  });

  it('parses a browser-style multipart body (mixed-case boundary)', async () => {
    const { client } = await createWidgetWorld();
    const visitor = await newVisitor(client);
    const boundary = '----WebKitFormBoundaryAbCdEf012345';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${crypto.randomUUID()}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      png(64),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await client.send({
      bearer: visitor.visitorToken,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: new Uint8Array(body),
    });
    expect(response.status).toBe(201);
  });

  it('needs a valid visitor token and a file field', async () => {
    const { client } = await createWidgetWorld();
    const visitor = await newVisitor(client);
    const noToken = await upload(client, '', { data: png(100), name: 'a.png', type: 'image/png' });
    expect(noToken.status).toBe(401);

    const form = new FormData();
    form.set('clientId', crypto.randomUUID());
    const noFile = await client.send({ bearer: visitor.visitorToken, body: form });
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).error).toMatch(/file/);
  });
});
