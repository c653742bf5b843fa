import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ChannelKind, NormalizedContent, OutboundMessage } from '@/channels/types';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { contacts, contactTags, conversations, formSubmissions, tags, workspaces } from '@/db/schema';
import type { BotState, ConversationPriority } from '@/db/schema/conversations';
import { flowCatalogue } from '@/lib/commerce/cached-catalogue';
import { publishedArticleCards } from '@/lib/articles/card';
import { configuredOrigin } from '@/lib/articles/links';
import { placeOrder } from '@/lib/commerce/orders';
import { contactUpdated } from '@/lib/contacts/realtime';
import { refreshPurchaseData } from '@/lib/commerce/order-purchase-data';
import { lockConversationIfAny } from '@/lib/conversations/lock';
import { saveBotProgress } from '@/lib/conversations/quiet-changes';
import { recordTransition } from '@/lib/conversations/record';
import { checkoutOnBuy, handOffToQueue, priorityByBot, type HandOffReason } from '@/lib/conversations/state-machine';
import { handOffAcknowledgement } from '@/lib/hand-off/acknowledge';
import { failureMessage } from '@/lib/hand-off/message';
import { readHandOffMessage } from '@/lib/hand-off/settings';
import { runSoon } from '@/lib/jobs/run-soon';
import { CACHE_CHANNELS, notifiedCache } from '@/lib/cache/notified-cache';
import { notifyAfter } from '@/lib/notifications/notify-after';
import { deliverMessage } from '@/lib/outbox/deliver';
import { queueOutbound } from '@/lib/outbox/queue';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { routeRequest } from '@/lib/routing/route';
import { teamsOfWorkspace } from '@/lib/teams/workspace-teams';
import type { FlowDefinition } from './definition';
import { advance, FlowRuntimeError, initialState, type Effect, type EngineContext, type FlowInput } from './engine';
import { WAITING, type FormSubmission } from './engine-types';
import { answersSchema, type FormFields } from '@/lib/widget/forms/definition';
import { asksForHuman, handOffPhrases } from './settings';
import { isOpen } from '@/lib/business-hours/calendar';
import { businessHoursOf } from '@/lib/business-hours/schedule';
import { enabledFlowsOf, flowVersionOf } from './cached';
import { matchTrigger } from './triggers';

// The thin database layer around the pure engine: loads the pinned flow version, the
// contact and the catalogue, runs the engine, applies its effects (tags, custom data,
// orders, hand-off) and queues the bot's messages through the outbox, all in the caller's
// transaction. The caller publishes `realtime` and calls `afterBotRun` after commit.

type ConversationRow = typeof conversations.$inferSelect;

export type BotRun = {
  realtime: RealtimeEvent[];
  /** Bot messages queued, in the order they must be sent. */
  outbound: string[];
  /** The conversation went to Requests: notify agents (and route) after commit. */
  handedOff: { workspaceId: string; conversationId: string } | null;
};

const emptyRun = (): BotRun => ({ realtime: [], outbound: [], handedOff: null });

/** At most this many "go to another flow" hops in one run. */
const MAX_FLOW_HOPS = 5;

export { FAILURE_MESSAGE } from '@/lib/hand-off/message';

/** What a customer's message says, for triggers and answers. */
export function messageInput(content: NormalizedContent): { text: string; payload?: string } {
  switch (content.kind) {
    case 'text':
      return { text: content.text, ...(content.payload ? { payload: content.payload } : {}) };
    case 'postback':
      return { text: content.title, payload: content.payload };
    case 'media':
      return { text: content.caption ?? '' };
    case 'location':
      return { text: [content.name, content.address].filter(Boolean).join(', ') };
    default:
      return { text: '' };
  }
}

type WorkspaceInfo = { id: string; settings: Record<string, unknown>; timezone: string };

// Kept in memory while the process hears workspace changes (lib/cache/notified-cache.ts).
const workspaceCache = notifiedCache(CACHE_CHANNELS.workspaces, 'bot');

async function loadWorkspace(tx: Tx, workspaceId: string): Promise<WorkspaceInfo> {
  const ws = await workspaceCache.get(workspaceId, async () => {
    const [row] = await tx
      .select({ id: workspaces.id, settings: workspaces.settings, timezone: workspaces.timezone })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .limit(1);
    return row ?? null;
  });
  if (!ws) throw new Error('Workspace not found');
  return ws;
}

/** A flow's current version as a fresh state (enabled flows of the workspace only). */
async function freshState(tx: Tx, workspaceId: string, flowId: string, variables: Record<string, unknown> = {}): Promise<BotState | null> {
  const flow = (await enabledFlowsOf(tx, workspaceId)).find((f) => f.id === flowId);
  if (!flow) return null;
  const definition = await flowVersionOf(tx, workspaceId, flow.id, flow.currentVersion);
  return definition ? initialState(flow.id, flow.currentVersion, definition, variables) : null;
}

/**
 * For findOrOpenConversation: the flow a new conversation starts with (the flow named by
 * the caller, else a trigger matching the first message, else the channel's welcome flow), or null (it becomes a request; also
 * when the customer's first words ask for a human).
 */
export async function flowForNewConversation(
  tx: Tx,
  input: { workspaceId: string; channelKind: ChannelKind; content: NormalizedContent; flowId?: string },
): Promise<BotState | null> {
  const message = messageInput(input.content);
  const ws = await loadWorkspace(tx, input.workspaceId);
  if (asksForHuman(message.text, handOffPhrases(ws.settings))) return null;
  // Asked for by name (a website chat action rule): that flow, while it is on.
  const named = input.flowId ? await freshState(tx, input.workspaceId, input.flowId) : null;
  if (named) return named;
  const candidates = await enabledFlowsOf(tx, input.workspaceId);
  if (candidates.length === 0) return null;
  const match = matchTrigger(candidates, { ...message, channel: input.channelKind, newConversation: true });
  return match ? freshState(tx, input.workspaceId, match.flowId, match.variables) : null;
}

class Runner {
  run = emptyRun();

  readonly conversationId: string;
  readonly contactId: string;

  constructor(
    readonly tx: Tx,
    readonly ws: WorkspaceInfo,
    /** The conversation as the run's transaction locked it; its channel and SLA rule do not change in the run. */
    readonly held: Pick<ConversationRow, 'id' | 'contactId' | 'channelId' | 'slaRuleId'>,
    readonly channelKind: ChannelKind,
  ) {
    this.conversationId = held.id;
    this.contactId = held.contactId;
  }

  async conversation(): Promise<ConversationRow> {
    const [row] = await this.tx.select().from(conversations).where(eq(conversations.id, this.conversationId)).limit(1);
    return row;
  }

  async send(content: OutboundMessage) {
    const queued = await queueOutbound(this.tx, { workspaceId: this.ws.id, conversationId: this.conversationId, held: this.held, sender: { kind: 'bot' }, content });
    this.run.realtime.push(...queued.realtime);
    this.run.outbound.push(queued.message.id);
  }

  async save(botState: BotState | null) {
    this.run.realtime.push(await saveBotProgress(this.tx, this.conversationId, botState));
  }

  /**
   * To Requests (optionally a team) with a status line; `botState` kept paused or cleared.
   * `flowSaidSo`: the flow's hand-off step already told the customer.
   */
  async handOff(reason: HandOffReason, teamId: string | null, botState: BotState | null, flowSaidSo = false) {
    const c = await this.conversation();
    // A team of another workspace (or a deleted one) would hide the request from everyone: general queue.
    const team = teamId && (await teamsOfWorkspace(this.tx, this.ws.id, [teamId])).has(teamId) ? teamId : null;
    // The flow's latest state (not the one stored before this run) is kept, paused, for "resume".
    const transition = handOffToQueue({ ...c, botState }, team, reason);
    if (!transition.statusText) return; // an agent has it already
    // Where in the flow the customer was when it handed off, for the bot report.
    const step = botState ? { flowId: botState.flowId, flowVersion: botState.flowVersion, stepId: botState.stepId } : {};
    const recorded = await recordTransition(this.tx, { conversation: c, transition, event: 'bot_hand_off', actorUserId: null, payload: { reason, ...step }, audit: { reason } });
    if (!recorded) return;
    this.run.realtime.push(...recorded.events);
    this.run.handedOff = { workspaceId: c.workspaceId, conversationId: c.id };
    await this.acknowledgeHandOff(reason, recorded.updated, flowSaidSo);
  }

  /** Tells the customer, as the bot, that a person will answer (lib/hand-off). */
  async acknowledgeHandOff(reason: HandOffReason, conversation: { id: string; teamId: string | null }, flowSaidSo = false) {
    const message = await handOffAcknowledgement(this.tx, { workspaceId: this.ws.id, settings: this.ws.settings, timezone: this.ws.timezone, conversation, reason, flowSaidSo });
    if (message) await this.send(message);
  }

  async context(definition: FlowDefinition, state: BotState): Promise<EngineContext> {
    // The contact and its tag names in one statement: every bot turn reads them.
    const [contact] = await this.tx
      .select({
        name: contacts.name,
        email: contacts.email,
        phone: contacts.phone,
        customData: contacts.customData,
        tagNames: sql<string[]>`coalesce((select array_agg(${tags.name} order by ${tags.name}) from ${contactTags} inner join ${tags} on ${tags.id} = ${contactTags.tagId} where ${contactTags.contactId} = ${contacts.id}), '{}')`,
      })
      .from(contacts)
      .where(eq(contacts.id, this.contactId))
      .limit(1);
    // The catalogue this flow can reach: ids named in the definition or its variables.
    const productIds = new Set<string>();
    const collectionIds = new Set<string>();
    const articleIds = new Set<string>();
    const collect = (value: unknown, key?: string) => {
      if (typeof value === 'string') {
        if (key === 'productId' || key === 'payloadArg') productIds.add(value);
        if (key === 'collectionId') collectionIds.add(value);
        if (key === 'articleId') articleIds.add(value);
      } else if (Array.isArray(value)) {
        value.forEach((v) => collect(v, key === 'productIds' ? 'productId' : key));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) collect(v, k);
      }
    };
    collect(definition.steps);
    collect(state.variables);
    return {
      channel: this.channelKind,
      now: new Date(),
      businessHoursOpen: isOpen(businessHoursOf(this.ws), new Date()),
      contact: { name: contact.name, email: contact.email, phone: contact.phone, tags: contact.tagNames, customData: contact.customData },
      catalogue: await flowCatalogue(this.tx, this.ws.id, { productIds, collectionIds }),
      articles: await publishedArticleCards(this.tx, this.ws.id, [...articleIds], configuredOrigin()),
    };
  }

  /**
   * A flow's "set priority" step, through the one writer like the hand-off: the row read
   * now in this transaction, so the version guard holds unless another writer got there
   * first (then the bot's change is dropped, as a hand-off would be).
   */
  async setPriority(priority: ConversationPriority, flowId: string) {
    const c = await this.conversation();
    const transition = priorityByBot(c, c.priority, priority);
    if (!transition) return;
    const recorded = await recordTransition(this.tx, { conversation: c, transition, event: 'set_priority', actorUserId: null, payload: { priority, by: 'bot' }, audit: { by: 'bot', flowId } });
    if (recorded) this.run.realtime.push(...recorded.events);
  }

  /** The engine's effects in order: the conversation's priority, and changes to the contact. */
  async applyEffects(effects: Effect[], flowId: string) {
    let contactChanged = false;
    for (const effect of effects) {
      if (effect.kind === 'set_priority') {
        await this.setPriority(effect.priority, flowId);
        continue;
      }
      contactChanged = true;
      if (effect.kind === 'save_form') {
        await this.saveForm(effect.submission, flowId, effect.stepId);
      } else if (effect.kind === 'add_tag') {
        await this.tx.insert(tags).values({ workspaceId: this.ws.id, name: effect.tag }).onConflictDoNothing();
        const [tag] = await this.tx
          .select({ id: tags.id })
          .from(tags)
          .where(and(eq(tags.workspaceId, this.ws.id), sql`lower(${tags.name}) = lower(${effect.tag})`))
          .limit(1);
        if (tag) await this.tx.insert(contactTags).values({ contactId: this.contactId, tagId: tag.id }).onConflictDoNothing();
      } else if (effect.kind === 'remove_tag') {
        const ids = this.tx
          .select({ id: tags.id })
          .from(tags)
          .where(and(eq(tags.workspaceId, this.ws.id), sql`lower(${tags.name}) = lower(${effect.tag})`));
        await this.tx.delete(contactTags).where(and(eq(contactTags.contactId, this.contactId), inArray(contactTags.tagId, ids)));
      } else {
        await this.tx
          .update(contacts)
          .set({ customData: sql`${contacts.customData} || jsonb_build_object(${effect.key}::text, ${effect.value}::text)` })
          .where(eq(contacts.id, this.contactId));
      }
    }
    if (!contactChanged) return;
    const now = new Date();
    await this.tx.update(contacts).set({ updatedAt: now }).where(eq(contacts.id, this.contactId));
    this.run.realtime.push(contactUpdated(this.ws.id, this.contactId, now));
  }

  /** A "Show form" step's answers: onto the customer (like the pre-chat form's) and stored, naming the flow and step. */
  async saveForm(submission: FormSubmission, flowId: string, stepId: string) {
    const c = await this.conversation();
    const [contact] = await this.tx.select({ customData: contacts.customData }).from(contacts).where(eq(contacts.id, this.contactId)).for('update');
    await this.tx
      .update(contacts)
      .set({ ...submission.contact, customData: { ...contact.customData, ...submission.customData } })
      .where(and(eq(contacts.id, this.contactId), eq(contacts.workspaceId, this.ws.id)));
    const now = new Date();
    await this.tx.insert(formSubmissions).values({
      workspaceId: this.ws.id,
      channelId: c.channelId,
      contactId: this.contactId,
      conversationId: c.id,
      formKind: 'flow',
      flowId,
      flowStepId: stepId,
      answers: submission.stored,
      consentText: submission.consentText,
      consentedAt: submission.consentText ? now : null,
      createdAt: now,
    });
  }

  /** Runs the engine from `state` with `input` until it waits, ends, hands off or fails. */
  async drive(start: BotState, firstInput: FlowInput) {
    let state = start;
    let input = firstInput;
    for (let hops = 0; ; ) {
      const definition = await flowVersionOf(this.tx, this.ws.id, state.flowId, state.flowVersion);
      if (!definition) throw new FlowRuntimeError(`Version ${state.flowVersion} of this flow no longer exists`);
      const result = advance(definition, state, input, await this.context(definition, state));
      await this.applyEffects(result.effects, state.flowId);
      for (const output of result.outputs) await this.send(output);
      const outcome = result.outcome;
      switch (outcome.kind) {
        case 'ignored':
          return;
        case 'waiting':
        case 'ended':
          return this.save(result.state);
        case 'hand_off':
          return this.handOff(outcome.reason === 'flow' ? 'flow' : 'invalid_input', outcome.teamId, result.state, outcome.saidSo);
        case 'goto': {
          if (++hops > MAX_FLOW_HOPS) throw new FlowRuntimeError('Too many jumps between flows');
          const next = await freshState(this.tx, this.ws.id, outcome.flowId);
          if (!next) throw new FlowRuntimeError('The flow to go to does not exist or is disabled');
          state = next;
          input = { kind: 'start' };
          break;
        }
        case 'create_order': {
          const placed = await placeOrder(this.tx, { workspaceId: this.ws.id, contactId: this.contactId, conversationId: this.conversationId, order: outcome.order });
          if (placed.ok) {
            // Same as an order an agent creates: purchase data on the customer, and the
            // customer panel (recent orders) updates live.
            await refreshPurchaseData(this.tx, this.ws.id, this.contactId);
            this.run.realtime.push(contactUpdated(this.ws.id, this.contactId, new Date()));
          }
          state = result.state!;
          input = placed.ok
            ? { kind: 'order_result', ok: true, orderNumber: placed.orderNumber, totalMinor: placed.totalMinor, currency: placed.currency }
            : { kind: 'order_result', ok: false, reason: 'out_of_stock' };
          break;
        }
      }
    }
  }

  /**
   * Runs `work` in a savepoint; a failure (a defect in the flow, or anything unexpected)
   * rolls back what it did and hands the conversation to Requests, telling the customer.
   */
  async guarded(work: () => Promise<void>) {
    const before = { realtime: this.run.realtime.length, outbound: this.run.outbound.length };
    try {
      await this.tx.transaction(async () => {
        await work();
      });
    } catch (error) {
      console.error('[flows] runtime error:', error instanceof Error ? error.message : error);
      this.run.realtime.length = before.realtime;
      this.run.outbound.length = before.outbound;
      this.run.handedOff = null;
      await this.send({ kind: 'text', text: failureMessage(readHandOffMessage(this.ws.settings)) });
      await this.handOff('bot_failed', null, null);
    }
  }
}

/**
 * The ingest hook (lib/ingest/apply-message.ts): after a customer's message is stored in
 * `tx`, lets the bot answer when the conversation is the bot's and its flow is not paused.
 */
/**
 * Whether the bot can have anything to do with this customer message (read from the
 * conversation as the message left it): lets the ingest skip the bot's transaction for the
 * many messages agents answer. runBotOnCustomerMessage decides again under the lock.
 */
export function botMayAnswer(c: Pick<ConversationRow, 'status' | 'handler' | 'botState'>, content: NormalizedContent, opened: boolean): boolean {
  if (opened && c.handler === 'queue') return true; // may acknowledge a first ask for a person
  if (c.status === 'open' && c.handler !== 'bot') return Boolean(messageInput(content).payload?.startsWith('BUY:'));
  return c.status === 'open' && c.handler === 'bot' && !c.botState?.paused;
}

export async function runBotOnCustomerMessage(
  tx: Tx,
  input: { conversation: ConversationRow; channelKind: ChannelKind; content: NormalizedContent; opened: boolean },
): Promise<BotRun> {
  const c = input.conversation;
  if (input.opened && c.handler === 'queue') {
    const acknowledged = await acknowledgeFirstAskForHuman(tx, input);
    if (acknowledged) return acknowledged;
  }
  if (c.status === 'open' && c.handler !== 'bot') return startCheckoutOnBuy(tx, input);
  if (c.status !== 'open' || c.handler !== 'bot' || c.botState?.paused) return emptyRun();
  const ws = await loadWorkspace(tx, c.workspaceId);
  const runner = new Runner(tx, ws, c, input.channelKind);
  const message = messageInput(input.content);

  // A flow just started by this message (trigger / welcome): run it from its first step.
  if (input.opened && c.botState) {
    await runner.guarded(() => runner.drive(c.botState!, { kind: 'start' }));
    return runner.run;
  }
  if (asksForHuman(message.text, handOffPhrases(ws.settings))) {
    await runner.handOff('customer_asked', null, c.botState);
    return runner.run;
  }
  await runner.guarded(async () => {
    const candidates = await enabledFlowsOf(tx, c.workspaceId);
    // A tapped payload that belongs to another flow's trigger (a "Buy" button) switches flows.
    if (message.payload) {
      const switchTo = matchTrigger(candidates, { text: '', payload: message.payload, channel: input.channelKind, newConversation: false });
      if (switchTo && switchTo.flowId !== c.botState?.flowId) {
        const next = await freshState(tx, c.workspaceId, switchTo.flowId, switchTo.variables);
        if (next) return runner.drive(next, { kind: 'start' });
      }
    }
    if (c.botState) return runner.drive(c.botState, { kind: 'message', ...message });
    // The flow ended earlier: a trigger may start another; otherwise a person answers.
    const match = matchTrigger(candidates, { ...message, channel: input.channelKind, newConversation: false });
    const next = match ? await freshState(tx, c.workspaceId, match.flowId, match.variables) : null;
    if (next) return runner.drive(next, { kind: 'start' });
    await runner.handOff('flow_ended', null, null);
  });
  return runner.run;
}

/**
 * A customer whose very first words ask for a person: their conversation opened straight
 * in Requests (flowForNewConversation), so no hand-off ran to tell them a person will answer.
 */
async function acknowledgeFirstAskForHuman(
  tx: Tx,
  input: { conversation: ConversationRow; channelKind: ChannelKind; content: NormalizedContent },
): Promise<BotRun | null> {
  const c = input.conversation;
  const ws = await loadWorkspace(tx, c.workspaceId);
  if (!asksForHuman(messageInput(input.content).text, handOffPhrases(ws.settings))) return null;
  const runner = new Runner(tx, ws, c, input.channelKind);
  await runner.acknowledgeHandOff('customer_asked', c);
  return runner.run;
}

/**
 * A customer taps "Buy" on a product card an agent shared: the product's checkout flow takes
 * over (the agent stays recorded as the assignee and sees it under Bot), so the customer
 * can order without waiting for a person. Any other message to an agent's chat is theirs.
 */
async function startCheckoutOnBuy(
  tx: Tx,
  input: { conversation: ConversationRow; channelKind: ChannelKind; content: NormalizedContent },
): Promise<BotRun> {
  const c = input.conversation;
  const message = messageInput(input.content);
  if (!message.payload?.startsWith('BUY:')) return emptyRun();
  const candidates = await enabledFlowsOf(tx, c.workspaceId);
  const match = matchTrigger(candidates, { text: '', payload: message.payload, channel: input.channelKind, newConversation: false });
  const next = match ? await freshState(tx, c.workspaceId, match.flowId, match.variables) : null;
  if (!next) return emptyRun();

  const recorded = await recordTransition(tx, { conversation: c, transition: checkoutOnBuy(c, next), event: 'checkout_on_buy', actorUserId: null, audit: { flowId: next.flowId } });
  if (!recorded) return emptyRun();
  const ws = await loadWorkspace(tx, c.workspaceId);
  const runner = new Runner(tx, ws, c, input.channelKind);
  runner.run.realtime.push(...recorded.events);
  await runner.guarded(() => runner.drive(next, { kind: 'start' }));
  return runner.run;
}

/**
 * After an agent started a flow (hand back): runs its first steps now, so the customer gets
 * the flow's first message without writing first. Its own transaction; publishes and sends.
 */
export async function kickOffFlow(db: Db, workspaceId: string, conversationId: string): Promise<BotRun> {
  const run = await db.transaction(async (tx) => {
    const locked = await lockConversationIfAny(tx, workspaceId, conversationId);
    const c = locked?.conversation;
    if (!c || c.status !== 'open' || c.handler !== 'bot' || !c.botState || c.botState.paused || c.botState.variables._waiting) return emptyRun();
    const runner = new Runner(tx, await loadWorkspace(tx, workspaceId), c, locked.channelKind);
    await runner.guarded(() => runner.drive(c.botState!, { kind: 'start' }));
    return runner.run;
  });
  await publish(run.realtime);
  afterBotRun(db, run, { route: true });
  return run;
}

/** The form a conversation's flow waits on in the website chat, and the key that names that wait. */
export type PendingFlowForm = { key: string; form: FormFields };

const formKey = (state: BotState) => `${state.flowId}:${state.flowVersion}:${state.stepId}`;

/** The "Show form" step the conversation's bot waits on, if it does. */
export async function pendingFlowForm(tx: DbOrTx, workspaceId: string, c: Pick<ConversationRow, 'status' | 'handler' | 'botState'>): Promise<PendingFlowForm | null> {
  const state = c.botState;
  if (c.status !== 'open' || c.handler !== 'bot' || !state || state.paused || !state.variables[WAITING]) return null;
  const definition = await flowVersionOf(tx, workspaceId, state.flowId, state.flowVersion);
  const step = definition?.steps.find((s) => s.id === state.stepId);
  return step?.type === 'show_form' ? { key: formKey(state), form: step.form } : null;
}

export type FormAnswerResult =
  | { ok: true }
  | { ok: false; reason: 'not_waiting' }
  | { ok: false; reason: 'invalid'; message: string; fieldErrors: Record<string, string[]> };

/**
 * The website chat's answers to the form its conversation's flow waits on (`key` names that
 * wait, so answers to a form the flow has left are refused): checked against the step's
 * form, then the flow goes on from there in one transaction (the answers stored and mapped
 * as an effect of the step). Publishes and sends after commit.
 */
export async function answerFlowForm(db: Db, input: { workspaceId: string; conversationId: string; key: string; answers: unknown }): Promise<FormAnswerResult> {
  const outcome = await db.transaction(async (tx): Promise<{ result: FormAnswerResult; run: BotRun }> => {
    const locked = await lockConversationIfAny(tx, input.workspaceId, input.conversationId);
    const c = locked?.conversation;
    const pending = c ? await pendingFlowForm(tx, input.workspaceId, c) : null;
    if (!c || !pending || pending.key !== input.key) return { result: { ok: false, reason: 'not_waiting' }, run: emptyRun() };
    const parsed = answersSchema(pending.form).safeParse(input.answers);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || '_'] ??= []).push(issue.message);
      return { result: { ok: false, reason: 'invalid', message: parsed.error.issues[0]?.message ?? 'Check your answers', fieldErrors }, run: emptyRun() };
    }
    const runner = new Runner(tx, await loadWorkspace(tx, input.workspaceId), c, locked.channelKind);
    await runner.guarded(() => runner.drive(c.botState!, { kind: 'form', answers: parsed.data }));
    return { result: { ok: true }, run: runner.run };
  });
  await publish(outcome.run.realtime);
  afterBotRun(db, outcome.run, { route: true });
  return outcome.result;
}

/**
 * After commit: sends the bot's messages in order (one after another, so the platform
 * shows them in that order) and, when asked (`route`), after a hand-off notifies agents
 * ("needs help") and routes the request. The ingest path does both in its follow-up
 * instead (lib/ingest/follow-up.ts), in one transaction with the message's marker.
 */
export function afterBotRun(db: Db, run: BotRun, options: { route?: boolean } = {}): void {
  if (run.outbound.length) {
    const ids = [...run.outbound];
    runSoon('outbox', async () => {
      for (const id of ids) await deliverMessage(db, id);
    });
  }
  if (run.handedOff && options.route) {
    const { workspaceId, conversationId } = run.handedOff;
    notifyAfter(db, { type: 'needs_help', workspaceId, conversationId });
    runSoon('routing', () => routeRequest(db, workspaceId, conversationId));
  }
}
