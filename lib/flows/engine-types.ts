import type { ArticleCard, ChannelKind, OutboundMessage } from '@/channels/types';
import type { BotState, ConversationPriority } from '@/db/schema/conversations';
import type { FormAnswers } from '@/lib/widget/forms/definition';

// What the flow engine takes and gives (lib/flows/engine.ts): the read-only context the
// runtime loads, the customer's input, and the result (what to send, what to change, the
// next state and how the run stopped).

export type CatalogueVariant = { id: string; name: string; sku: string; priceMinor: number | null; stock: number };
export type CatalogueProduct = {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceMinor: number;
  currency: string;
  stock: number;
  imageUrl: string | null;
  variants: CatalogueVariant[];
};
export type Catalogue = {
  products: Record<string, CatalogueProduct>;
  collections: Record<string, { id: string; name: string; productIds: string[] }>;
  collectionPoints: { id: string; name: string; address: string; openingHours?: string | null }[];
};

export type EngineContext = {
  channel: ChannelKind;
  now: Date;
  businessHoursOpen: boolean;
  contact: { name: string; email?: string | null; phone?: string | null; tags: string[]; customData: Record<string, string> };
  catalogue: Catalogue;
  /** The published articles the flow names, as cards (drafts and archived ones are absent). */
  articles?: Record<string, ArticleCard>;
};

export type FlowInput =
  /** The flow was just started (trigger, agent, goto): run from the state's step, no answer. */
  | { kind: 'start' }
  | { kind: 'message'; text: string; payload?: string }
  /** The website chat's answers to the "Show form" step it waits on, already checked against its form. */
  | { kind: 'form'; answers: FormAnswers }
  /** What the runtime's order attempt gave (after an `create_order` outcome). */
  | { kind: 'order_result'; ok: true; orderNumber: number; totalMinor: number; currency: string }
  | { kind: 'order_result'; ok: false; reason: 'out_of_stock' };

export type Effect =
  | { kind: 'add_tag'; tag: string }
  | { kind: 'remove_tag'; tag: string }
  | { kind: 'set_custom_data'; key: string; value: string }
  /** The conversation's priority, applied through the one writer (lib/conversations). */
  | { kind: 'set_priority'; priority: ConversationPriority }
  /** A "Show form" step's answers: onto the customer, and stored as a form submission. */
  | { kind: 'save_form'; stepId: string; submission: FormSubmission };

/** What a form's answers change on the customer, and the answers as stored. */
export type FormSubmission = {
  contact: { name?: string; email?: string; phone?: string };
  customData: Record<string, string>;
  stored: { key: string; label: string; value: string }[];
  consentText: string | null;
};

export type OrderRequest = {
  productId: string;
  variantId: string | null;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  delivery: { address: string } | null;
  collectionPointId: string | null;
};

/** How the run stopped. */
export type Outcome =
  | { kind: 'waiting' }
  | { kind: 'ended' }
  | { kind: 'ignored' }
  /** `saidSo`: the hand-off step told the customer in its own words. */
  | { kind: 'hand_off'; teamId: string | null; reason: 'flow' | 'invalid_input'; saidSo?: boolean }
  | { kind: 'goto'; flowId: string }
  /** The runtime must try to place this order, then call advance again with an order_result. */
  | { kind: 'create_order'; order: OrderRequest };

export type EngineResult = {
  outputs: OutboundMessage[];
  effects: Effect[];
  /** Null when the flow is over (ended, handed off by a step, went to another flow). */
  state: BotState | null;
  outcome: Outcome;
};

/** A defect found while running (missing step, unknown product…): the runtime hands off. */
export class FlowRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowRuntimeError';
  }
}

/** Steps run in one advance before the engine gives up (validation refuses such loops). */
export const MAX_STEPS_PER_RUN = 100;

// Reserved variables (not shown to the customer): the step at stepId already asked and
// waits for an answer; invalid answers so far; the checkout's progress.
export const WAITING = '_waiting';
export const ATTEMPTS = '_attempts';
export const CHECKOUT = '_checkout';
