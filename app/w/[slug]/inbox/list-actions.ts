'use server';

import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { countInboxTabs, getInboxRows, listConversations, listQuerySchema, rowsByIdInputSchema } from '@/lib/inbox/list';

// The customer list's reads from the browser: further pages (infinite scroll), rows by id
// (live updates) and tab counts. Each runs the wrapper's checks (session, membership of
// the workspace named in the input, role); the services filter by that workspace.

const pageInput = listQuerySchema.extend({ withCounts: z.boolean().optional() });

export const loadInboxPageAction = workspaceAction({ input: pageInput, role: 'agent' }, async ({ withCounts, ...query }, ctx) => {
  const db = getDb();
  const [page, counts] = await Promise.all([listConversations(db, ctx, query), withCounts ? countInboxTabs(db, ctx) : null]);
  return { ...page, counts };
});

const rowsInput = rowsByIdInputSchema.extend({ withCounts: z.boolean().optional() });

export const loadInboxRowsAction = workspaceAction({ input: rowsInput, role: 'agent' }, async ({ ids, filters, withCounts }, ctx) => {
  const db = getDb();
  const [rows, counts] = await Promise.all([getInboxRows(db, ctx, ids, filters), withCounts ? countInboxTabs(db, ctx) : null]);
  return { rows, counts };
});

export const loadInboxCountsAction = workspaceAction({ input: z.object({}), role: 'agent' }, async (_input, ctx) => countInboxTabs(getDb(), ctx));
