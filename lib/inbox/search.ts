import { and, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { contacts, contactTags, customerFields, orders, tags } from '@/db/schema';
import type { SearchMatch, SearchMatchKind } from './list-query';

// Customer search for the inbox list. Every kind of match is one entry in `searchMatchers`:
//  - `where`: the condition on a contact row `ct` (used per row: "does this contact match?"),
//  - `contactIds` (optional): the same as a set of contact ids, written so that the kind's
//    own index answers it (trigram GIN indexes on name/email/phone, tags by name),
//  - `describe`: what matched, for the ≤100 rows of a page, so the row can highlight it.
//
// Nothing else changes for a new kind: the list query, the highlighting and the UI take any matcher.

export type SearchTerm = {
  /** As typed (trimmed). */
  text: string;
  /** ILIKE pattern for "contains", with the LIKE wildcards in the text escaped. */
  pattern: string;
  /** The digits of a phone-like term ("081-234 5678" → "0812345678"), else null. */
  digits: string | null;
};

export function searchTerm(text: string): SearchTerm {
  const escaped = text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  const digits = /^[\d\s()+.-]+$/.test(text) ? text.replace(/\D/g, '') : '';
  return { text, pattern: `%${escaped}%`, digits: digits.length >= 4 ? digits : null };
}

type ContactFields = { name: string; email: string | null; phone: string | null; customData: Record<string, string> };

export type DescribeContext = {
  db: DbOrTx;
  workspaceId: string;
  contactIds: string[];
  term: SearchTerm;
  /** The page's contacts, loaded once and shared by the matchers. */
  contacts(): Promise<Map<string, ContactFields>>;
};

export type SearchMatcher = {
  kind: SearchMatchKind;
  /** Condition on the contact row aliased `ct`. */
  where(term: SearchTerm): SQL;
  /** `select <contact id> …` of this workspace's matching contacts; defaults to `where` over the workspace's contacts. */
  contactIds?(workspaceId: string, term: SearchTerm): SQL;
  /** What matched, for these contacts (all of which matched some matcher). */
  describe(ctx: DescribeContext): Promise<Array<{ contactId: string; match: SearchMatch }>>;
};

/** An order number as customers write it: "#1052", "1052", "order 1052" → 1052. */
export function orderNumberOf(term: SearchTerm): number | null {
  const match = /^(?:order\s*)?#?\s*(\d{1,15})$/i.exec(term.text.trim());
  return match ? Number(match[1]) : null;
}

/** Case-insensitive "contains", as ILIKE does it (used only to describe, never to filter). */
export function containsText(value: string, text: string): boolean {
  return value.toLocaleLowerCase().includes(text.toLocaleLowerCase());
}

function phoneMatches(phone: string, term: SearchTerm): boolean {
  return containsText(phone, term.text) || (term.digits !== null && phone.replace(/\D/g, '').includes(term.digits));
}

function fieldMatcher(kind: 'name' | 'email', label: string): SearchMatcher {
  const column = kind === 'name' ? sql.raw('ct.name') : sql.raw('ct.email');
  return {
    kind,
    where: (t) => sql`${column} ilike ${t.pattern}`,
    async describe(ctx) {
      const out: Array<{ contactId: string; match: SearchMatch }> = [];
      for (const [contactId, c] of await ctx.contacts()) {
        const value = kind === 'name' ? c.name : c.email;
        if (value && containsText(value, ctx.term.text)) out.push({ contactId, match: { kind, label, value } });
      }
      return out;
    },
  };
}

/** Keys of this workspace's customer fields whose label contains the term. */
function fieldKeysLabelled(workspaceId: SQL, term: SearchTerm): SQL {
  return sql`select cf.key from customer_fields cf where cf.workspace_id = ${workspaceId} and cf.label ilike ${term.pattern}`;
}

async function fieldLabels(db: DbOrTx, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db.select({ key: customerFields.key, label: customerFields.label }).from(customerFields).where(eq(customerFields.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.key, r.label]));
}

export const searchMatchers: SearchMatcher[] = [
  fieldMatcher('name', 'Name'),
  fieldMatcher('email', 'Email'),
  {
    kind: 'phone',
    // As typed (trigram index), or by digits for a phone-like term, so "0812345678"
    // finds "+66 81 234 5678"'s "812345678" and "081-234" finds "081 234".
    where: (t) =>
      t.digits
        ? sql`(ct.phone ilike ${t.pattern} or regexp_replace(ct.phone, '[^0-9]', '', 'g') like ${`%${t.digits}%`})`
        : sql`ct.phone ilike ${t.pattern}`,
    async describe(ctx) {
      const out: Array<{ contactId: string; match: SearchMatch }> = [];
      for (const [contactId, c] of await ctx.contacts()) {
        if (c.phone && phoneMatches(c.phone, ctx.term)) out.push({ contactId, match: { kind: 'phone', label: 'Phone', value: c.phone } });
      }
      return out;
    },
  },
  {
    kind: 'tag',
    where: (t) => sql`exists (select 1 from contact_tags ctg join tags tg on tg.id = ctg.tag_id where ctg.contact_id = ct.id and tg.workspace_id = ct.workspace_id and tg.name ilike ${t.pattern})`,
    // From the (few) matching tags to their contacts.
    contactIds: (ws, t) =>
      sql`select ctg.contact_id from contact_tags ctg join tags tg on tg.id = ctg.tag_id where tg.workspace_id = ${ws} and tg.name ilike ${t.pattern}`,
    async describe(ctx) {
      const rows = await ctx.db
        .select({ contactId: contactTags.contactId, name: tags.name })
        .from(contactTags)
        .innerJoin(tags, eq(tags.id, contactTags.tagId))
        .where(and(eq(tags.workspaceId, ctx.workspaceId), inArray(contactTags.contactId, ctx.contactIds), sql`${tags.name} ilike ${ctx.term.pattern}`))
        .orderBy(tags.name);
      return rows.map((r) => ({ contactId: r.contactId, match: { kind: 'tag' as const, label: 'Tag', value: r.name } }));
    },
  },
  {
    kind: 'order',
    // Exact order number, answered by the unique index on orders.number.
    where: (t) => {
      const number = orderNumberOf(t);
      return number === null ? sql`false` : sql`exists (select 1 from orders o where o.contact_id = ct.id and o.number = ${number})`;
    },
    contactIds: (ws, t) => {
      const number = orderNumberOf(t);
      return number === null
        ? sql`select null::uuid where false`
        : sql`select o.contact_id from orders o where o.workspace_id = ${ws} and o.number = ${number} and o.contact_id is not null`;
    },
    async describe(ctx) {
      const number = orderNumberOf(ctx.term);
      if (number === null) return [];
      const rows = await ctx.db
        .select({ contactId: orders.contactId, number: orders.number })
        .from(orders)
        .where(and(eq(orders.workspaceId, ctx.workspaceId), eq(orders.number, number), inArray(orders.contactId, ctx.contactIds)));
      return rows.flatMap((r) => (r.contactId ? [{ contactId: r.contactId, match: { kind: 'order' as const, label: 'Order', value: `#${r.number}` } }] : []));
    },
  },
  {
    kind: 'data',
    // A custom data entry matches by its value, its key ("last_order"), or the label of the
    // customer field kept under that key ("Preferred size" for `size`): the panel shows all three.
    where: (t) =>
      sql`(ct.custom_data <> '{}'::jsonb and exists (select 1 from jsonb_each_text(ct.custom_data) kv
        left join customer_fields cf on cf.workspace_id = ct.workspace_id and cf.key = kv.key
        where kv.value ilike ${t.pattern} or kv.key ilike ${t.pattern} or cf.label ilike ${t.pattern}))`,
    // Values and keys through the trigram indexes on contact_data_text / contact_data_keys
    // (migrations 0008, 0012); keys of a field whose label matches through the GIN index on custom_data.
    contactIds: (ws, t) => sql`select ct.id from contacts ct where ct.workspace_id = ${ws} and contact_data_text(ct.custom_data) ilike ${t.pattern}
      union all
      select ct.id from contacts ct where ct.workspace_id = ${ws} and ct.custom_data ?| array(${fieldKeysLabelled(sql`${ws}`, t)})
      union all
      select ct.id from contacts ct where ct.workspace_id = ${ws} and contact_data_keys(ct.custom_data) ilike ${t.pattern}`,
    async describe(ctx) {
      const labels = await fieldLabels(ctx.db, ctx.workspaceId);
      const out: Array<{ contactId: string; match: SearchMatch }> = [];
      for (const [contactId, c] of await ctx.contacts()) {
        for (const [key, value] of Object.entries(c.customData ?? {})) {
          if (typeof value !== 'string') continue;
          const label = labels.get(key);
          const byLabel = label !== undefined && containsText(label, ctx.term.text);
          if (!byLabel && !containsText(key, ctx.term.text) && !containsText(value, ctx.term.text)) continue;
          // Name the entry as the panel does (its field's label), unless only the raw key matched.
          const shown = label !== undefined && (byLabel || !containsText(key, ctx.term.text)) ? label : key;
          out.push({ contactId, match: { kind: 'data', label: shown, value } });
        }
      }
      return out;
    },
  },
];

/**
 * A search resolved for one list query: the matching contacts' ids when there are at
 * most SEARCH_ID_LIMIT of them (found through the indexes), else `null`: a broad search,
 * checked per conversation instead (most conversations match, so a page fills quickly).
 */
export type ResolvedSearch = { text: string; contactIds: string[] | null };

export const SEARCH_ID_LIMIT = 2000;

export async function resolveSearch(db: DbOrTx, workspaceId: string, text: string, limit = SEARCH_ID_LIMIT): Promise<ResolvedSearch> {
  const term = searchTerm(text);
  const union = sql.join(
    searchMatchers.map(
      (m) => sql`(${m.contactIds ? m.contactIds(workspaceId, term) : sql`select ct.id from contacts ct where ct.workspace_id = ${workspaceId} and ${m.where(term)}`})`,
    ),
    sql` union all `,
  );
  // union all stops as soon as enough rows came (no dedupe pass over a broad result).
  const result = await db.execute<{ id: string }>(sql`select m.id from (${union}) m(id) limit ${limit * 2 + 1}`);
  const ids = [...new Set(result.rows.map((r) => r.id))];
  if (result.rows.length > limit * 2 || ids.length > limit) return { text, contactIds: null };
  return { text, contactIds: ids };
}

/** "This conversation's customer matches the search", as a condition on `conversations`. */
export function searchCondition(contactIdColumn: AnyColumn, text: string, resolved?: ResolvedSearch): SQL {
  if (resolved && resolved.text === text && resolved.contactIds) {
    return resolved.contactIds.length ? inArray(contactIdColumn, resolved.contactIds) : sql`false`;
  }
  const term = searchTerm(text);
  const any = sql.join(
    searchMatchers.map((m) => sql`(${m.where(term)})`),
    sql` or `,
  );
  return sql`exists (select 1 from contacts ct where ct.id = ${contactIdColumn} and (${any}))`;
}

/** What matched, per contact, in matcher order (name, email, phone, tags, orders, custom data). */
export async function describeMatches(
  db: DbOrTx,
  workspaceId: string,
  contactIds: string[],
  text: string,
): Promise<Map<string, SearchMatch[]>> {
  const result = new Map<string, SearchMatch[]>();
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return result;
  let loaded: Promise<Map<string, ContactFields>> | null = null;
  const ctx: DescribeContext = {
    db,
    workspaceId,
    contactIds: ids,
    term: searchTerm(text),
    contacts: () =>
      (loaded ??= db
        .select({ id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, customData: contacts.customData })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)))
        .then((rows) => new Map(rows.map(({ id, ...rest }) => [id, rest])))),
  };
  const described = await Promise.all(searchMatchers.map((m) => m.describe(ctx)));
  for (const list of described) {
    for (const { contactId, match } of list) {
      const existing = result.get(contactId);
      if (existing) existing.push(match);
      else result.set(contactId, [match]);
    }
  }
  return result;
}
