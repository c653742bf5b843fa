import type { BotState } from '@/db/schema/conversations';
import type { FlowDefinition } from './definition';
import { checkoutOrderResult } from './engine-checkout';
import { Run } from './engine-run';
import { FlowRuntimeError, WAITING, type EngineContext, type EngineResult, type FlowInput } from './engine-types';

// The flow engine, pure: given a definition, the conversation's bot state, an input and a
// read-only context, it returns what to send, what to change (effects) and the next state.
// lib/flows/runtime.ts loads the context and applies the result inside the ingest
// transaction. Nothing here touches the database or the clock (ctx.now).
//
// Its parts: engine-types.ts (context, input, result), answers.ts (reading an answer),
// engine-run.ts (running steps), engine-checkout.ts (the checkout step's conversation).

export { matchOption, validateAnswer } from './answers';
export {
  FlowRuntimeError,
  MAX_STEPS_PER_RUN,
  type Catalogue,
  type CatalogueProduct,
  type CatalogueVariant,
  type Effect,
  type EngineContext,
  type EngineResult,
  type FlowInput,
  type OrderRequest,
  type Outcome,
} from './engine-types';

export function initialState(flowId: string, flowVersion: number, definition: FlowDefinition, variables: Record<string, unknown> = {}): BotState {
  return { flowId, flowVersion, stepId: definition.start, variables, paused: false };
}

/**
 * One step of the conversation with the bot. A paused state ignores the customer. Throws
 * FlowRuntimeError on a defect (the runtime hands the conversation to Requests).
 */
export function advance(definition: FlowDefinition, state: BotState, input: FlowInput, ctx: EngineContext): EngineResult {
  if (state.paused) return { outputs: [], effects: [], state, outcome: { kind: 'ignored' } };
  const run = new Run(definition, state, ctx);
  if (input.kind === 'start') return run.enter(state.stepId);
  const step = run.step(state.stepId);
  if (input.kind === 'form') {
    if (step.type !== 'show_form' || !state.variables[WAITING]) throw new FlowRuntimeError('Form answers arrived outside a "Show form" step');
    return run.formAnswered(step, input.answers);
  }
  if (input.kind === 'order_result') {
    if (step.type !== 'checkout') throw new FlowRuntimeError('An order result arrived outside a checkout step');
    return checkoutOrderResult(run, step, input);
  }
  // Not yet prompted (e.g. resumed onto a step that never ran): run it now; the message is not its answer.
  if (!state.variables[WAITING]) return run.enter(state.stepId);
  return run.answer(step, input);
}
