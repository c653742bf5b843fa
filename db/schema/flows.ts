import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { users } from './users';

// Bot flows (lib/flows). A flow is a named, versioned definition: every save writes a new
// row in flow_versions and moves flows.current_version; conversations already inside the
// flow keep running the version they started with (bot_state.flowVersion).

export const flowKinds = ['custom', 'product', 'collection'] as const;
export type FlowKind = (typeof flowKinds)[number];

/** How a flow starts on its own (agents can always start any enabled flow from hand-back). */
export type FlowTriggers = {
  /** Default welcome flow for new conversations on these channel kinds. */
  welcomeChannels?: ('facebook' | 'instagram' | 'whatsapp' | 'line' | 'x' | 'apple' | 'web')[];
  /** Whole words / phrases, case-insensitive. */
  keywords?: string[];
  /** Regular expressions (case-insensitive) tested on the customer's text. */
  patterns?: string[];
  /** Quick reply / postback payloads; a trailing `*` matches a prefix (the rest becomes `payloadArg`). */
  payloads?: string[];
};

export const flows = pgTable(
  'flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: flowKinds }).notNull().default('custom'),
    enabled: boolean('enabled').notNull().default(true),
    triggers: jsonb('triggers').$type<FlowTriggers>().notNull().default({}),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('flows_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('flows_workspace_idx').on(t.workspaceId, t.enabled),
  ],
);

export const flowVersions = pgTable(
  'flow_versions',
  {
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** A FlowDefinition (lib/flows/definition.ts), validated before it is stored. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
);
