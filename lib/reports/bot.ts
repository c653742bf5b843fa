import { and, eq, inArray } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { flows, flowVersions } from '@/db/schema';
import { conversationFilters, rowsOf, toNumber, type ReportScope } from './filters';

export type BotReport = {
  /** Conversations opened in the range that the bot had first. */
  botConversations: number;
  /** Of those: resolved, or their flow ended, without ever reaching a person. */
  fullyByBot: number;
  /** Of those: handed to a person (hand-off, or an agent took over). */
  handedOff: number;
  /** Of those: the flow reached its end (an end step, or its own hand-off step). */
  completed: number;
  /** Where customers were when the bot handed off: flow, step and reason. */
  handOffSteps: { flowId: string | null; flow: string; stepId: string | null; step: string; reason: string; count: number }[];
};

const REASONS: Record<string, string> = {
  customer_asked: 'Customer asked for a person',
  flow: 'Hand-off step',
  invalid_input: 'Answer not understood',
  flow_ended: 'Wrote after the flow ended',
  bot_failed: 'Flow error',
};

export const handOffReasonLabel = (reason: string) => REASONS[reason] ?? reason;

export async function botReport(db: DbOrTx, scope: ReportScope): Promise<BotReport> {
  const population = sql`select c.id, c.status, c.bot_state, c.reached_people_at from conversations c
    where ${conversationFilters(scope)} and c.created_at >= ${scope.from} and c.created_at < ${scope.to} and c.opened_handler = 'bot'`;
  // Each conversation's first hand-off line (its reason says whether the flow had ended).
  const handOffs = sql`select distinct on (m.conversation_id) m.conversation_id, m.payload
    from messages m join pop on pop.id = m.conversation_id
    where m.workspace_id = ${scope.workspaceId} and m.kind = 'status' and m.created_at >= ${scope.from}
      and m.payload->>'event' = 'bot_hand_off'
    order by m.conversation_id, m.created_at`;
  const [totals, steps] = await Promise.all([
    db.execute(sql`
      with pop as (${population}), h as (${handOffs})
      select count(*) as bot,
        count(*) filter (where pop.reached_people_at is null and (pop.status = 'resolved' or pop.bot_state is null)) as fully,
        count(*) filter (where pop.reached_people_at is not null) as handed,
        count(*) filter (where (pop.reached_people_at is null and pop.bot_state is null) or h.payload->>'reason' in ('flow', 'flow_ended')) as completed
      from pop left join h on h.conversation_id = pop.id`),
    db.execute(sql`
      with pop as (${population}), h as (${handOffs})
      select h.payload->>'flowId' as flow_id, h.payload->>'flowVersion' as flow_version, h.payload->>'stepId' as step_id,
        coalesce(h.payload->>'reason', 'customer_asked') as reason, count(*) as n
      from h group by 1, 2, 3, 4 order by 5 desc`),
  ]);
  const t = rowsOf<{ bot: string; fully: string; handed: string; completed: string }>(totals)[0];
  const stepRows = rowsOf<{ flow_id: string | null; flow_version: string | null; step_id: string | null; reason: string; n: string }>(steps);
  const names = await stepNames(db, scope.workspaceId, stepRows);
  // One row per flow step and reason (versions of a flow merged).
  const merged = new Map<string, BotReport['handOffSteps'][number]>();
  for (const r of stepRows) {
    const key = `${r.flow_id}|${r.step_id}|${r.reason}`;
    const known = merged.get(key);
    if (known) {
      known.count += toNumber(r.n);
      continue;
    }
    const flow = r.flow_id ? (names.flows.get(r.flow_id) ?? 'Deleted flow') : 'No flow running';
    const step = r.step_id ? (names.steps.get(`${r.flow_id}|${r.flow_version}|${r.step_id}`) ?? r.step_id) : '—';
    merged.set(key, { flowId: r.flow_id, flow, stepId: r.step_id, step, reason: r.reason, count: toNumber(r.n) });
  }
  return {
    botConversations: toNumber(t.bot),
    fullyByBot: toNumber(t.fully),
    handedOff: toNumber(t.handed),
    completed: toNumber(t.completed),
    handOffSteps: [...merged.values()].sort((a, b) => b.count - a.count),
  };
}

/** Flow names and step titles of the versions the hand-offs happened in. */
async function stepNames(db: DbOrTx, workspaceId: string, rows: { flow_id: string | null; flow_version: string | null }[]) {
  const flowIds = [...new Set(rows.flatMap((r) => (r.flow_id && /^[0-9a-f-]{36}$/i.test(r.flow_id) ? [r.flow_id] : [])))];
  const result = { flows: new Map<string, string>(), steps: new Map<string, string>() };
  if (flowIds.length === 0) return result;
  const [flowRows, versionRows] = await Promise.all([
    db.select({ id: flows.id, name: flows.name }).from(flows).where(and(eq(flows.workspaceId, workspaceId), inArray(flows.id, flowIds))),
    db
      .select({ flowId: flowVersions.flowId, version: flowVersions.version, definition: flowVersions.definition })
      .from(flowVersions)
      .where(and(eq(flowVersions.workspaceId, workspaceId), inArray(flowVersions.flowId, flowIds))),
  ]);
  for (const f of flowRows) result.flows.set(f.id, f.name);
  for (const v of versionRows) {
    const steps = (v.definition as { steps?: { id?: unknown; type?: unknown }[] }).steps ?? [];
    for (const s of steps) {
      // Steps have ids, not titles: the id and what kind of step it is ("ask_size · ask choice").
      if (typeof s.id === 'string') result.steps.set(`${v.flowId}|${v.version}|${s.id}`, typeof s.type === 'string' ? `${s.id} · ${s.type.replace(/_/g, ' ')}` : s.id);
    }
  }
  return result;
}
