import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '@/db/client';
import { flows, flowVersions, flowKinds, type FlowTriggers } from '@/db/schema';
import { UserError } from '@/lib/errors';
import { teamsOfWorkspace } from '@/lib/teams/workspace-teams';
import { channelKindSchema, validateDefinition, type FlowDefinition } from './definition';
import { checkPattern } from './triggers';

// Flows in the database: every save is a new version (validated first); the flow row
// points at the current one. Conversations keep their pinned version (bot_state).

export const triggersSchema = z
  .object({
    welcomeChannels: z.array(channelKindSchema).max(4).optional(),
    keywords: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
    patterns: z.array(z.string().min(1).max(200)).max(20).optional(),
    payloads: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  })
  .superRefine((t, ctx) => {
    for (const p of t.patterns ?? []) {
      const problem = checkPattern(p);
      if (problem) ctx.addIssue({ code: 'custom', message: `Pattern ${p}: ${problem}`, path: ['patterns'] });
    }
  });

export const flowInput = z.object({
  name: z.string().trim().min(1, 'Name the flow').max(80),
  kind: z.enum(flowKinds).default('custom'),
  enabled: z.boolean().default(true),
  triggers: triggersSchema.default({}),
  definition: z.unknown(),
});
export type FlowInput = z.input<typeof flowInput>;

export type FlowRow = typeof flows.$inferSelect;

function checked(definition: unknown): FlowDefinition {
  const result = validateDefinition(definition);
  if (!result.ok) throw new UserError('invalid', `This flow cannot be saved: ${result.errors.join('; ')}`, { definition: result.errors });
  return result.definition;
}

/** Hand-off teams must be this workspace's: a pasted definition may name anyone's. */
async function checkTeams(db: DbOrTx, workspaceId: string, definition: FlowDefinition) {
  const named = definition.steps.flatMap((s) => (s.type === 'hand_off' && s.teamId ? [s.teamId] : []));
  const known = await teamsOfWorkspace(db, workspaceId, named);
  const unknown = named.filter((id) => !known.has(id));
  if (unknown.length) {
    const errors = unknown.map((id) => `The hand-off team ${id} is not a team of this workspace`);
    throw new UserError('invalid', `This flow cannot be saved: ${errors.join('; ')}`, { definition: errors });
  }
}

async function nameTaken(db: DbOrTx, workspaceId: string, name: string, except?: string) {
  const rows = await db
    .select({ id: flows.id })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), sql`lower(${flows.name}) = lower(${name})`))
    .limit(2);
  return rows.some((r) => r.id !== except);
}

/** A new flow at version 1. Refuses a broken definition (missing step, loop that never waits). */
export async function createFlow(db: DbOrTx, workspaceId: string, raw: FlowInput, createdById: string | null = null): Promise<FlowRow> {
  const input = flowInput.parse(raw);
  const definition = checked(input.definition);
  await checkTeams(db, workspaceId, definition);
  if (await nameTaken(db, workspaceId, input.name)) throw new UserError('conflict', `There is already a flow named ${input.name}.`);
  const [flow] = await db
    .insert(flows)
    .values({ workspaceId, name: input.name, kind: input.kind, enabled: input.enabled, triggers: input.triggers, currentVersion: 1 })
    .returning();
  await db.insert(flowVersions).values({ flowId: flow.id, version: 1, workspaceId, definition, createdById });
  return flow;
}

/**
 * Saves a change: a new version when the definition changed (conversations inside the
 * flow continue on theirs), and the name / triggers / enabled flag in place.
 */
export async function updateFlow(tx: Tx, workspaceId: string, flowId: string, raw: FlowInput, createdById: string | null = null): Promise<FlowRow> {
  const input = flowInput.parse(raw);
  const definition = checked(input.definition);
  await checkTeams(tx, workspaceId, definition);
  const [flow] = await tx
    .select()
    .from(flows)
    .where(and(eq(flows.id, flowId), eq(flows.workspaceId, workspaceId)))
    .for('update')
    .limit(1);
  if (!flow) throw new UserError('not_found', 'This flow does not exist.');
  if (await nameTaken(tx, workspaceId, input.name, flowId)) throw new UserError('conflict', `There is already a flow named ${input.name}.`);
  const current = await loadVersion(tx, workspaceId, flowId, flow.currentVersion);
  let version = flow.currentVersion;
  if (!current || JSON.stringify(current) !== JSON.stringify(definition)) {
    version += 1;
    await tx.insert(flowVersions).values({ flowId, version, workspaceId, definition, createdById });
  }
  const [updated] = await tx
    .update(flows)
    .set({ name: input.name, kind: input.kind, enabled: input.enabled, triggers: input.triggers, currentVersion: version, updatedAt: new Date() })
    .where(eq(flows.id, flowId))
    .returning();
  return updated;
}

/** One stored version's definition (parsed again: a stored definition is trusted only once valid). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadVersion(db: DbOrTx, workspaceId: string, flowId: string, version: number): Promise<FlowDefinition | null> {
  if (!UUID.test(flowId) || !Number.isInteger(version)) return null; // e.g. a scripted demo state ("welcome")
  const [row] = await db
    .select({ definition: flowVersions.definition })
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version), eq(flowVersions.workspaceId, workspaceId)))
    .limit(1);
  if (!row) return null;
  const result = validateDefinition(row.definition);
  return result.ok ? result.definition : null;
}

export async function getFlow(db: DbOrTx, workspaceId: string, flowId: string): Promise<FlowRow | null> {
  if (!UUID.test(flowId)) return null;
  const [flow] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.id, flowId), eq(flows.workspaceId, workspaceId)))
    .limit(1);
  return flow ?? null;
}

export async function listFlows(db: DbOrTx, workspaceId: string): Promise<FlowRow[]> {
  return db.select().from(flows).where(eq(flows.workspaceId, workspaceId)).orderBy(asc(flows.createdAt), asc(flows.name));
}

/** Enabled flows and their triggers, oldest first (the first match wins). */
export async function triggerCandidates(db: DbOrTx, workspaceId: string): Promise<{ id: string; triggers: FlowTriggers; currentVersion: number }[]> {
  return db
    .select({ id: flows.id, triggers: flows.triggers, currentVersion: flows.currentVersion })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.enabled, true)))
    .orderBy(asc(flows.createdAt), asc(flows.id));
}

export async function setFlowEnabled(db: DbOrTx, workspaceId: string, flowId: string, enabled: boolean) {
  const [row] = await db
    .update(flows)
    .set({ enabled, updatedAt: new Date() })
    .where(and(eq(flows.id, flowId), eq(flows.workspaceId, workspaceId)))
    .returning();
  if (!row) throw new UserError('not_found', 'This flow does not exist.');
  return row;
}

/** Deleting a flow: conversations inside it hand off to Requests on their next message (runtime error path). */
export async function deleteFlow(db: DbOrTx, workspaceId: string, flowId: string) {
  const rows = await db.delete(flows).where(and(eq(flows.id, flowId), eq(flows.workspaceId, workspaceId))).returning({ id: flows.id });
  if (rows.length === 0) throw new UserError('not_found', 'This flow does not exist.');
}

export async function duplicateFlow(db: DbOrTx, workspaceId: string, flowId: string, createdById: string | null = null) {
  const flow = await getFlow(db, workspaceId, flowId);
  if (!flow) throw new UserError('not_found', 'This flow does not exist.');
  const definition = await loadVersion(db, workspaceId, flowId, flow.currentVersion);
  let name = `${flow.name} (copy)`;
  for (let i = 2; await nameTaken(db, workspaceId, name); i++) name = `${flow.name} (copy ${i})`;
  // A copy starts disabled and without triggers, so it never competes with the original.
  return createFlow(db, workspaceId, { name, kind: flow.kind, enabled: false, triggers: {}, definition }, createdById);
}
