import { and, asc, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { collectionPoints, contacts, orderItems, orders, orderStatuses, type DeliveryDetails, type OrderStatus } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { zonedTimeToUtc } from '@/lib/time/format';
import { formatMoney } from './money';
import { loadOrderLines, setContentsOf, type OrderLineSummary } from './order-lines';

export const ORDERS_PAGE_SIZE = 25;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'Not a date');

/** Blank query-string values ("?status=") mean "no filter". */
const blank = (v: unknown) => (v === '' || v === null ? undefined : Array.isArray(v) ? v[0] : v);

/** The Orders page's URL state: search, filters, page. Invalid values are dropped, not fatal. */
export const orderListQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()).catch(undefined),
  from: z.preprocess(blank, day.optional()).catch(undefined),
  to: z.preprocess(blank, day.optional()).catch(undefined),
  status: z.preprocess(blank, z.enum(orderStatuses).optional()).catch(undefined),
  point: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).optional()).catch(undefined),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

/** Parses Next's searchParams (string | string[] | undefined values). */
export function parseOrderListQuery(params: Record<string, string | string[] | undefined>): OrderListQuery {
  return orderListQuery.parse(params);
}

export type OrderRow = {
  id: string;
  number: number;
  status: OrderStatus;
  total: string;
  createdAt: Date;
  customer: { id: string | null; name: string | null };
  collectionPoint: string | null;
  conversationId: string | null;
  lines: OrderLineSummary[];
};

function escapeLike(q: string) {
  return q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** "#1052", "1052" or "order 1052" searches the number; anything else the customer's name. */
function searchCondition(q: string): SQL | undefined {
  const number = /^(?:order\s*)?#?\s*(\d{1,15})$/i.exec(q);
  const byName = ilike(contacts.name, `%${escapeLike(q)}%`);
  if (number) return or(eq(orders.number, Number(number[1])), byName);
  return byName;
}

/**
 * One page of the workspace's orders, newest first. The date range is inclusive calendar
 * days in `timeZone` (the viewer's, as the list shows times; default UTC).
 */
export async function listOrders(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, query: OrderListQuery, timeZone = 'UTC') {
  const page = query.page ?? 1;
  const conditions: (SQL | undefined)[] = [eq(orders.workspaceId, ctx.workspaceId)];
  if (query.q) conditions.push(searchCondition(query.q));
  if (query.status) conditions.push(eq(orders.status, query.status));
  if (query.point) conditions.push(eq(orders.collectionPointId, query.point));
  if (query.from) conditions.push(gte(orders.createdAt, startOfDay(query.from, timeZone)));
  if (query.to) conditions.push(lt(orders.createdAt, startOfDay(nextDay(query.to), timeZone)));
  const where = and(...conditions);

  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        totalMinor: orders.totalMinor,
        currency: orders.currency,
        createdAt: orders.createdAt,
        contactId: orders.contactId,
        contactName: contacts.name,
        point: collectionPoints.name,
        conversationId: orders.conversationId,
      })
      .from(orders)
      .leftJoin(contacts, eq(contacts.id, orders.contactId))
      .leftJoin(collectionPoints, eq(collectionPoints.id, orders.collectionPointId))
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.number))
      .limit(ORDERS_PAGE_SIZE)
      .offset((page - 1) * ORDERS_PAGE_SIZE),
    db.select({ total: count() }).from(orders).leftJoin(contacts, eq(contacts.id, orders.contactId)).where(where),
  ]);
  const lines = await loadOrderLines(db, rows.map((r) => r.id));
  return {
    rows: rows.map(
      (r): OrderRow => ({
        id: r.id,
        number: r.number,
        status: r.status,
        total: formatMoney(r.totalMinor, r.currency),
        createdAt: r.createdAt,
        customer: { id: r.contactId, name: r.contactName },
        collectionPoint: r.point,
        conversationId: r.conversationId,
        lines: lines.get(r.id) ?? [],
      }),
    ),
    total: Number(total),
    page,
    pageCount: Math.max(1, Math.ceil(Number(total) / ORDERS_PAGE_SIZE)),
  };
}

/** All collection points (enabled or not) for the filter, by name. */
export async function listCollectionPointOptions(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>) {
  return db
    .select({ id: collectionPoints.id, name: collectionPoints.name })
    .from(collectionPoints)
    .where(eq(collectionPoints.workspaceId, ctx.workspaceId))
    .orderBy(asc(collectionPoints.name));
}

export type OrderDetail = {
  id: string;
  number: number;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  total: string;
  createdAt: Date;
  updatedAt: Date;
  notes: string | null;
  delivery: DeliveryDetails | null;
  collectionPoint: { name: string; address: string; openingHours: string | null } | null;
  customer: { id: string; name: string | null } | null;
  conversationId: string | null;
  /** `includes`: a set line's contents as ordered ("2 × Straw sun hat, Canvas tote"). */
  items: { id: string; name: string; sku: string; quantity: number; unitPrice: string; lineTotal: string; includes: string | null }[];
};

/** One order of the workspace with its items, or null (other workspaces' orders are null too). */
export async function getOrderDetail(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, orderId: string): Promise<OrderDetail | null> {
  if (!z.uuid().safeParse(orderId).success) return null;
  const [row] = await db
    .select({ order: orders, contactName: contacts.name, pointName: collectionPoints.name, pointAddress: collectionPoints.address, pointHours: collectionPoints.openingHours })
    .from(orders)
    .leftJoin(contacts, eq(contacts.id, orders.contactId))
    .leftJoin(collectionPoints, eq(collectionPoints.id, orders.collectionPointId))
    .where(and(eq(orders.id, orderId), eq(orders.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) return null;
  const o = row.order;
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, o.id)).orderBy(asc(orderItems.name));
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    totalMinor: o.totalMinor,
    currency: o.currency,
    total: formatMoney(o.totalMinor, o.currency),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    notes: o.notes,
    delivery: o.delivery ?? null,
    collectionPoint: row.pointName ? { name: row.pointName, address: row.pointAddress ?? '', openingHours: row.pointHours } : null,
    customer: o.contactId ? { id: o.contactId, name: row.contactName } : null,
    conversationId: o.conversationId,
    items: items.map((i) => ({
      id: i.id,
      name: i.name,
      sku: i.sku,
      quantity: i.quantity,
      unitPrice: formatMoney(i.unitPriceMinor, o.currency),
      lineTotal: formatMoney(i.unitPriceMinor * i.quantity, o.currency),
      includes: setContentsOf(i.components),
    })),
  };
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** Midnight of a calendar day in a time zone, as an instant. */
export function startOfDay(d: string, timeZone: string): Date {
  const [year, month, day] = d.split('-').map(Number);
  return zonedTimeToUtc({ year, month, day, hour: 0, minute: 0 }, timeZone);
}
