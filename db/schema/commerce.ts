import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { contacts } from './contacts';
import { conversations } from './conversations';

// The minimal product catalogue and orders (lib/commerce). Money is stored in minor units
// (cents, satang) with its ISO currency; stock never goes below zero (a check constraint
// backs the conditional updates that reserve it).
//
// A set (bundle) is a products row of kind 'set' with rows in product_set_items naming its
// components. It has no variants and no stock of its own (its stock column stays 0): what
// it has left is derived from its components (lib/commerce/sets.ts), and ordering it
// reserves the components.

export const productKinds = ['product', 'set'] as const;
export type ProductKind = (typeof productKinds)[number];

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: productKinds }).notNull().default('product'),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    hashtags: text('hashtags').array().notNull().default(sql`'{}'::text[]`),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull().default('USD'),
    stock: integer('stock').notNull().default(0),
    images: jsonb('images').$type<string[]>().notNull().default([]),
    visibleOnStore: boolean('visible_on_store').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('products_workspace_sku_key').on(t.workspaceId, t.sku),
    index('products_workspace_idx').on(t.workspaceId),
    check('products_stock_nonnegative', sql`${t.stock} >= 0`),
    check('products_price_nonnegative', sql`${t.priceMinor} >= 0`),
    check('products_kind_valid', sql`${t.kind} in ('product', 'set')`),
  ],
);

export const productVariants = pgTable(
  'product_variants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    /** Null: the product's price. */
    priceMinor: integer('price_minor'),
    stock: integer('stock').notNull().default(0),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('product_variants_workspace_sku_key').on(t.workspaceId, t.sku),
    index('product_variants_product_idx').on(t.productId),
    check('product_variants_stock_nonnegative', sql`${t.stock} >= 0`),
  ],
);

export const productSetItems = pgTable(
  'product_set_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    setProductId: uuid('set_product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    // Deleting a component is refused: it would silently change what a set's price buys, so
    // the catalogue names the sets instead (lib/commerce/catalogue-admin/); the key backs
    // it. "No action" rather than "restrict": checked at the end of the statement, so a
    // workspace's cascading delete, which removes the set rows too, still goes through.
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'no action' }),
    /** Null: the product itself (one without variants). */
    variantId: uuid('variant_id').references(() => productVariants.id, { onDelete: 'no action' }),
    quantity: integer('quantity').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('product_set_items_component_key').on(t.setProductId, t.productId, t.variantId).nullsNotDistinct(),
    index('product_set_items_product_idx').on(t.productId),
    index('product_set_items_variant_idx').on(t.variantId),
    check('product_set_items_quantity_positive', sql`${t.quantity} > 0`),
    check('product_set_items_not_itself', sql`${t.setProductId} <> ${t.productId}`),
  ],
);

export const collections = pgTable(
  'collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    imageUrl: text('image_url'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('collections_workspace_idx').on(t.workspaceId)],
);

export const collectionProducts = pgTable(
  'collection_products',
  {
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.productId] }), index('collection_products_product_idx').on(t.productId)],
);

export const collectionPoints = pgTable(
  'collection_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** Free text shown to customers and agents, e.g. "Mon–Fri 10:00–19:00". */
    openingHours: text('opening_hours'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('collection_points_workspace_idx').on(t.workspaceId)],
);

/** Who created an order: an agent in a conversation, or a checkout flow. */
export const orderSources = ['agent', 'flow'] as const;
export type OrderSource = (typeof orderSources)[number];

export const orderStatuses = ['pending_payment', 'paid', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** What one unit of a set line reserved, per component: cancelling returns exactly this. */
export type OrderItemComponent = { productId: string; variantId: string | null; sku: string; name: string; quantity: number };

export type DeliveryDetails = { name?: string; phone?: string; address: string };

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order number customers see ("#1052"); global sequence, unique. */
    number: bigint('number', { mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 1001 }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    status: text('status', { enum: orderStatuses }).notNull().default('pending_payment'),
    source: text('source', { enum: orderSources }),
    totalMinor: integer('total_minor').notNull(),
    currency: text('currency').notNull(),
    delivery: jsonb('delivery').$type<DeliveryDetails | null>(),
    collectionPointId: uuid('collection_point_id').references(() => collectionPoints.id, { onDelete: 'set null' }),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_number_key').on(t.number),
    index('orders_workspace_idx').on(t.workspaceId, t.createdAt.desc()),
    index('orders_contact_idx').on(t.contactId, t.createdAt.desc()),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    variantId: uuid('variant_id').references(() => productVariants.id, { onDelete: 'set null' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    /** A set line: its components as they were when ordered (null for a product line). */
    components: jsonb('components').$type<OrderItemComponent[] | null>(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId), check('order_items_quantity_positive', sql`${t.quantity} > 0`)],
);
