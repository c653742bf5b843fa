import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contacts } from '@/db/schema';
import { seedDemoShop } from '@/demo/seed/demo';
import { checkFieldValue } from '@/lib/contacts/field-values';
import { listCustomerFields, listShortcuts, listTextBlocks, listWhatsappTemplates } from '@/lib/settings/inbox-config';
import { templateParameters } from '@/lib/settings/template-parameters';
import { variablesProblem } from '@/lib/settings/variables';

describe('the demo shop’s inbox configuration', () => {
  it('seeds valid shortcuts, text blocks, templates and customer fields, and moves City/Size data into the fields', async () => {
    const db = getDb();
    const { workspaceId } = await seedDemoShop(db, { encryptionKey: randomBytes(32).toString('base64') });
    const ctx = { workspaceId };

    const shortcuts = await listShortcuts(db, ctx);
    expect(shortcuts.map((s) => s.shortcut)).toEqual(expect.arrayContaining(['thanks', 'shipping']));
    for (const s of shortcuts) {
      expect(s.shortcut).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
      expect(s.text.length).toBeLessThanOrEqual(1000);
      expect(variablesProblem(s.text)).toBeNull();
    }

    const blocks = await listTextBlocks(db, ctx);
    expect([...new Set(blocks.map((b) => b.category))]).toEqual(['Payment', 'Returns', 'Shipping']);
    for (const b of blocks) expect(variablesProblem(b.body)).toBeNull();

    const templates = await listWhatsappTemplates(db, ctx);
    expect(templates.find((t) => t.name === 'order_update' && t.language === 'en_US')).toMatchObject({ parameterCount: 2, channelName: expect.any(String) });
    expect(templates.map((t) => t.name)).toContain('payment_reminder');
    for (const t of templates) expect(templateParameters(t.body)).toEqual({ count: t.parameterCount, problem: null });

    const fields = await listCustomerFields(db, ctx);
    expect(fields.map((f) => [f.label, f.key, f.type])).toEqual([
      ['City', 'city', 'list'],
      ['Size', 'size', 'list'],
      ['Birthday', 'birthday', 'date'],
      ['VIP', 'vip', 'checkbox'],
      ['Instagram', 'instagram', 'link'],
    ]);

    // Every seeded value fits its field; no customer keeps a free-form City next to the field.
    const people = await db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId));
    expect(people.filter((p) => p.customData.city).length).toBeGreaterThan(10);
    expect(people.filter((p) => p.customData.City)).toEqual([]);
    expect(people.some((p) => p.customData.vip === 'true')).toBe(true);
    for (const person of people) {
      for (const field of fields) {
        const value = person.customData[field.key];
        if (value !== undefined) expect(checkFieldValue(field, value)).toEqual({ ok: true, value });
      }
    }
  });
});
