import type { ChannelKind, OutboundMessage, QuickReply } from '@/channels/types';
import type { BotState } from '@/db/schema/conversations';
import { formatMoney } from '@/lib/commerce/money';
import type { Condition, FlowDefinition, SaveTarget, Step } from './definition';
import { renderTemplate } from './template';

// The flow engine, pure: given a definition, the conversation's bot state, an input and a
// read-only context, it returns what to send, what to change (effects) and the next state.
// lib/flows/runtime.ts loads the context and applies the result inside the ingest
// transaction. Nothing here touches the database or the clock (ctx.now).

// ---------- context ----------

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
};

export type FlowInput =
  /** The flow was just started (trigger, agent, goto): run from the state's step, no answer. */
  | { kind: 'start' }
  | { kind: 'message'; text: string; payload?: string }
  /** What the runtime's order attempt gave (after an `create_order` outcome). */
  | { kind: 'order_result'; ok: true; orderNumber: number; totalMinor: number; currency: string }
  | { kind: 'order_result'; ok: false; reason: 'out_of_stock' };

export type Effect =
  | { kind: 'add_tag'; tag: string }
  | { kind: 'remove_tag'; tag: string }
  | { kind: 'set_custom_data'; key: string; value: string };

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
const WAITING = '_waiting';
const ATTEMPTS = '_attempts';
const CHECKOUT = '_checkout';

type CheckoutPhase = 'product' | 'variant' | 'quantity' | 'mode' | 'address' | 'point' | 'confirm' | 'placing';
type CheckoutState = {
  phase: CheckoutPhase;
  productId?: string;
  variantId?: string | null;
  quantity?: number;
  address?: string;
  pointId?: string;
};

export function initialState(flowId: string, flowVersion: number, definition: FlowDefinition, variables: Record<string, unknown> = {}): BotState {
  return { flowId, flowVersion, stepId: definition.start, variables, paused: false };
}

// ---------- validation of answers ----------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function validateAnswer(
  input: 'text' | 'email' | 'phone' | 'number',
  raw: string,
  bounds: { min?: number; max?: number } = {},
): { ok: true; value: string } | { ok: false } {
  const text = raw.trim();
  if (!text) return { ok: false };
  switch (input) {
    case 'text':
      return text.length <= 1000 ? { ok: true, value: text } : { ok: false };
    case 'email':
      return EMAIL.test(text) && text.length <= 254 ? { ok: true, value: text.toLowerCase() } : { ok: false };
    case 'phone': {
      if (!/^\+?[\d\s().-]+$/.test(text)) return { ok: false };
      const digits = text.replace(/\D/g, '');
      if (digits.length < 6 || digits.length > 15) return { ok: false };
      return { ok: true, value: (text.startsWith('+') ? '+' : '') + digits };
    }
    case 'number': {
      const normalized = text.replace(/,/g, '');
      if (!/^-?\d+(\.\d+)?$/.test(normalized)) return { ok: false };
      const n = Number(normalized);
      if (bounds.min !== undefined && n < bounds.min) return { ok: false };
      if (bounds.max !== undefined && n > bounds.max) return { ok: false };
      return { ok: true, value: String(n) };
    }
  }
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Which option an answer picks: its payload, its title (loosely), or its number ("2"). */
export function matchOption<T extends { title: string; payload?: string }>(options: T[], input: { text: string; payload?: string }): T | null {
  if (input.payload) {
    const byPayload = options.find((o) => (o.payload ?? o.title) === input.payload);
    if (byPayload) return byPayload;
  }
  const text = norm(input.text);
  if (!text) return null;
  const byTitle = options.find((o) => norm(o.title) === text);
  if (byTitle) return byTitle;
  if (/^\d{1,2}$/.test(text)) {
    const index = Number(text) - 1;
    if (index >= 0 && index < options.length) return options[index];
  }
  return null;
}

// ---------- the run ----------

class Run {
  outputs: OutboundMessage[] = [];
  effects: Effect[] = [];
  vars: Record<string, unknown>;
  contact: EngineContext['contact'];
  steps: Map<string, Step>;
  executed = 0;

  constructor(
    readonly def: FlowDefinition,
    readonly state: BotState,
    readonly ctx: EngineContext,
  ) {
    this.vars = { ...state.variables };
    this.contact = { ...ctx.contact, tags: [...ctx.contact.tags], customData: { ...ctx.contact.customData } };
    this.steps = new Map(def.steps.map((s) => [s.id, s]));
  }

  step(id: string): Step {
    const step = this.steps.get(id);
    if (!step) throw new FlowRuntimeError(`Step "${id}" does not exist in this flow`);
    return step;
  }

  render(text: string) {
    return renderTemplate(text, { contact: this.contact, channel: this.ctx.channel, variables: this.vars });
  }

  say(text: string, extra: { quickReplies?: QuickReply[]; buttons?: QuickReply[] } = {}) {
    const message: OutboundMessage = { kind: 'text', text: this.render(text) };
    if (extra.quickReplies?.length) message.quickReplies = extra.quickReplies;
    if (extra.buttons?.length) message.buttons = extra.buttons;
    this.outputs.push(message);
  }

  result(stepId: string | null, outcome: Outcome): EngineResult {
    const state = stepId === null ? null : { ...this.state, stepId, variables: this.vars, paused: false };
    return { outputs: this.outputs, effects: this.effects, state, outcome };
  }

  /** Leaves the current step (clears its wait/attempts), then enters `next` or ends. */
  go(next: string | undefined): EngineResult {
    delete this.vars[WAITING];
    delete this.vars[ATTEMPTS];
    delete this.vars[CHECKOUT];
    return next ? this.enter(next) : this.result(null, { kind: 'ended' });
  }

  wait(stepId: string): EngineResult {
    this.vars[WAITING] = true;
    return this.result(stepId, { kind: 'waiting' });
  }

  save(target: SaveTarget | undefined, value: string) {
    if (!target) return;
    if (target.kind === 'custom_data') {
      this.contact.customData[target.key] = value;
      this.effects.push({ kind: 'set_custom_data', key: target.key, value });
    } else if (target.kind === 'tag') {
      const tag = (target.tag ?? value).trim().slice(0, 40);
      if (tag && !this.contact.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) this.contact.tags.push(tag);
      if (tag) this.effects.push({ kind: 'add_tag', tag });
    } else {
      this.vars[target.name] = value;
    }
  }

  test(condition: Condition): boolean {
    const result = (() => {
      switch (condition.kind) {
        case 'has_tag':
          return this.contact.tags.some((t) => t.toLowerCase() === condition.tag.toLowerCase());
        case 'custom_data':
        case 'variable': {
          const raw = condition.kind === 'custom_data' ? this.contact.customData[condition.key] : this.vars[condition.name];
          const value = raw === undefined || raw === null ? undefined : String(raw);
          if (condition.op === 'exists') return value !== undefined && value !== '';
          if (value === undefined) return false;
          const expected = (condition.value ?? '').toLowerCase();
          return condition.op === 'equals' ? value.toLowerCase() === expected : value.toLowerCase().includes(expected);
        }
        case 'channel':
          return condition.channels.includes(this.ctx.channel);
        case 'business_hours':
          return this.ctx.businessHoursOpen;
      }
    })();
    return condition.negate ? !result : result;
  }

  /** Runs steps from `id` until one waits for the customer or the flow stops. */
  enter(id: string): EngineResult {
    let current: string | undefined = id;
    while (current) {
      if (++this.executed > MAX_STEPS_PER_RUN) throw new FlowRuntimeError('The flow ran too many steps without waiting for the customer');
      const step = this.step(current);
      delete this.vars[WAITING];
      delete this.vars[ATTEMPTS];
      switch (step.type) {
        case 'message': {
          const c = step.content;
          if (c.kind === 'text') this.say(c.text);
          else if (c.kind === 'image') this.outputs.push({ kind: 'media', mediaKind: 'image', url: c.url, ...(c.caption ? { caption: this.render(c.caption) } : {}) });
          else this.outputs.push({ kind: 'media', mediaKind: 'file', url: c.url, ...(c.name ? { name: c.name } : {}) });
          current = step.next;
          break;
        }
        case 'ask_choice':
          this.askChoice(step);
          return this.wait(step.id);
        case 'ask_input':
          this.say(step.text);
          return this.wait(step.id);
        case 'wait':
          return this.wait(step.id);
        case 'condition': {
          const rule = step.rules.find((r) => r.all.every((c) => this.test(c)));
          current = rule ? rule.next : step.else;
          break;
        }
        case 'tag': {
          const tag = step.tag.trim();
          if (step.action === 'add') {
            if (!this.contact.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) this.contact.tags.push(tag);
            this.effects.push({ kind: 'add_tag', tag });
          } else {
            this.contact.tags = this.contact.tags.filter((t) => t.toLowerCase() !== tag.toLowerCase());
            this.effects.push({ kind: 'remove_tag', tag });
          }
          current = step.next;
          break;
        }
        case 'set_data': {
          const value = this.render(step.value);
          this.contact.customData[step.key] = value;
          this.effects.push({ kind: 'set_custom_data', key: step.key, value });
          current = step.next;
          break;
        }
        case 'show_products':
          this.showProducts(step);
          current = step.next;
          break;
        case 'checkout':
          return this.checkoutEnter(step);
        case 'hand_off':
          if (step.message) this.say(step.message);
          return this.result(null, { kind: 'hand_off', teamId: step.teamId ?? null, reason: 'flow', saidSo: Boolean(step.message) });
        case 'goto_flow':
          return this.result(null, { kind: 'goto', flowId: step.flowId });
        case 'end':
          if (step.message) this.say(step.message);
          return this.result(null, { kind: 'ended' });
      }
    }
    return this.result(null, { kind: 'ended' });
  }

  askChoice(step: Extract<Step, { type: 'ask_choice' }>) {
    const choices = step.options.map((o) => ({ title: o.title, payload: o.payload ?? o.title }));
    this.say(step.text, step.style === 'buttons' ? { buttons: choices } : { quickReplies: choices });
  }

  /** An invalid answer: re-ask, or after the limit go to onInvalid / hand off. */
  invalid(step: Step & { maxAttempts: number; onInvalid?: string; invalidText?: string }, reask: () => void): EngineResult {
    const attempts = Number(this.vars[ATTEMPTS] ?? 0) + 1;
    if (attempts >= step.maxAttempts) {
      delete this.vars[WAITING];
      delete this.vars[ATTEMPTS];
      delete this.vars[CHECKOUT];
      if (step.onInvalid) return this.enter(step.onInvalid);
      this.say('Sorry, I did not get that. Let me find someone to help you.');
      // The state stays on this step (paused by the hand-off) so an agent can resume it.
      return this.result(step.id, { kind: 'hand_off', teamId: null, reason: 'invalid_input' });
    }
    this.say(step.invalidText ?? 'Sorry, that does not look right.');
    reask();
    this.vars[ATTEMPTS] = attempts;
    this.vars[WAITING] = true;
    return this.result(step.id, { kind: 'waiting' });
  }

  answer(step: Step, input: { text: string; payload?: string }): EngineResult {
    switch (step.type) {
      case 'ask_choice': {
        const option = matchOption(step.options, input);
        if (!option) return this.invalid(step, () => this.askChoice(step));
        this.save(step.saveTo, option.title);
        return this.go(option.next);
      }
      case 'ask_input': {
        const checked = validateAnswer(step.input, input.text, { min: step.min, max: step.max });
        if (!checked.ok) {
          const hint = { email: 'Please send a valid email address.', phone: 'Please send a valid phone number.', number: 'Please send a number.', text: 'Please type your answer.' }[step.input];
          return this.invalid({ ...step, invalidText: step.invalidText ?? hint }, () => this.say(step.text));
        }
        this.save(step.saveTo, checked.value);
        return this.go(step.next);
      }
      case 'wait':
        return this.go(step.next);
      case 'checkout':
        return this.checkoutAnswer(step, input);
      default:
        // The state pointed at a step that does not wait: run it.
        return this.enter(step.id);
    }
  }

  // ---------- catalogue ----------

  product(id: string): CatalogueProduct {
    const product = this.ctx.catalogue.products[id];
    if (!product) throw new FlowRuntimeError(`Product ${id} is not in the catalogue`);
    return product;
  }

  card(product: CatalogueProduct, buy: boolean): OutboundMessage {
    return {
      kind: 'product',
      product: {
        name: product.name,
        price: formatMoney(product.priceMinor, product.currency),
        ...(product.description ? { description: product.description } : {}),
        ...(product.imageUrl ? { imageUrl: product.imageUrl } : {}),
        ...(buy ? { buyPayload: `BUY:${product.id}` } : {}),
      },
    };
  }

  showProducts(step: Extract<Step, { type: 'show_products' }>) {
    const ids = step.productIds?.length ? step.productIds : step.collectionId ? (this.ctx.catalogue.collections[step.collectionId]?.productIds ?? []) : [];
    const found = ids.map((id) => this.ctx.catalogue.products[id]).filter((p): p is CatalogueProduct => Boolean(p));
    if (found.length === 0) throw new FlowRuntimeError('None of the products to show are in the catalogue');
    if (step.text) this.say(step.text);
    for (const product of found.slice(0, 10)) this.outputs.push(this.card(product, true));
  }

  // ---------- checkout ----------

  get co(): CheckoutState {
    return (this.vars[CHECKOUT] as CheckoutState | undefined) ?? { phase: 'product' };
  }

  set co(value: CheckoutState) {
    this.vars[CHECKOUT] = value;
  }

  available(product: CatalogueProduct): number {
    return product.variants.length ? product.variants.reduce((n, v) => n + Math.max(0, v.stock), 0) : Math.max(0, product.stock);
  }

  checkoutEnter(step: CheckoutStep): EngineResult {
    const fixed = step.productId ?? (this.vars.productId as string | undefined) ?? (step.collectionId ? undefined : (this.vars.payloadArg as string | undefined));
    if (fixed) return this.checkoutProduct(step, fixed);
    const collectionId = step.collectionId ?? (this.vars.collectionId as string | undefined);
    if (!collectionId) throw new FlowRuntimeError('This checkout has no product or collection');
    this.co = { phase: 'product' };
    this.askProduct(collectionId);
    return this.wait(step.id);
  }

  productChoices(collectionId: string) {
    const collection = this.ctx.catalogue.collections[collectionId];
    if (!collection) throw new FlowRuntimeError(`Collection ${collectionId} is not in the catalogue`);
    const products = collection.productIds.map((id) => this.ctx.catalogue.products[id]).filter((p): p is CatalogueProduct => Boolean(p));
    if (products.length === 0) throw new FlowRuntimeError(`Collection ${collection.name} has no products`);
    return { collection, options: products.slice(0, 13).map((p) => ({ title: p.name.slice(0, 20), payload: `CO:P:${p.id}` })) };
  }

  askProduct(collectionId: string) {
    const { collection, options } = this.productChoices(collectionId);
    this.say(`Which product from ${collection.name} would you like?`, { quickReplies: options });
  }

  checkoutProduct(step: CheckoutStep, productId: string): EngineResult {
    const product = this.product(productId);
    this.outputs.push(this.card(product, false));
    if (this.available(product) === 0) return this.soldOut(step, product);
    this.co = { phase: 'variant', productId };
    if (product.variants.length) {
      this.askVariant(product);
      return this.wait(step.id);
    }
    this.co = { phase: 'quantity', productId, variantId: null };
    this.askQuantity(step, product, null);
    return this.wait(step.id);
  }

  soldOut(step: CheckoutStep, product: CatalogueProduct): EngineResult {
    this.say(`Sorry, ${product.name} is out of stock right now.`);
    return this.go(step.onOutOfStock);
  }

  variantOptions(product: CatalogueProduct) {
    return product.variants.filter((v) => v.stock > 0).map((v) => ({ title: v.name.slice(0, 20), payload: `CO:V:${v.id}`, variant: v }));
  }

  askVariant(product: CatalogueProduct) {
    this.say(`Which option of ${product.name} would you like?`, { quickReplies: this.variantOptions(product).map(({ title, payload }) => ({ title, payload })) });
  }

  maxQuantity(step: CheckoutStep, product: CatalogueProduct, variantId: string | null) {
    const stock = variantId ? (product.variants.find((v) => v.id === variantId)?.stock ?? 0) : product.stock;
    return Math.max(0, Math.min(step.maxQuantity, stock));
  }

  askQuantity(step: CheckoutStep, product: CatalogueProduct, variantId: string | null) {
    const max = this.maxQuantity(step, product, variantId);
    const quick = Array.from({ length: Math.min(3, max) }, (_, i) => ({ title: String(i + 1), payload: `CO:Q:${i + 1}` }));
    this.say(`How many would you like? (1–${max})`, { quickReplies: quick });
  }

  deliveryModes(step: CheckoutStep) {
    const points = this.ctx.catalogue.collectionPoints;
    return step.delivery.filter((m) => m === 'delivery' || points.length > 0);
  }

  askNextDelivery(step: CheckoutStep, co: CheckoutState): EngineResult {
    const modes = this.deliveryModes(step);
    if (modes.length === 0) throw new FlowRuntimeError('No delivery option: add a collection point or allow delivery');
    if (modes.length > 1) {
      this.co = { ...co, phase: 'mode' };
      this.say('How would you like to get your order?', {
        quickReplies: [
          { title: 'Delivery', payload: 'CO:M:delivery' },
          { title: 'Collection point', payload: 'CO:M:collection_point' },
        ],
      });
    } else if (modes[0] === 'delivery') {
      this.co = { ...co, phase: 'address' };
      this.say('Please send your delivery address (name, street, city, postcode).');
    } else {
      this.co = { ...co, phase: 'point' };
      this.askPoint();
    }
    return this.wait(step.id);
  }

  pointOptions() {
    return this.ctx.catalogue.collectionPoints.slice(0, 13).map((p) => ({ title: p.name.slice(0, 20), payload: `CO:C:${p.id}`, point: p }));
  }

  askPoint() {
    // Quick replies only fit a short name, so the text lists where each point is and when it opens.
    const options = this.pointOptions();
    const where = options.map(({ point: p }) => `• ${p.name}: ${p.address}${p.openingHours ? ` (open ${p.openingHours})` : ''}`);
    this.say(['Where would you like to collect it?', ...where].join('\n'), { quickReplies: options.map(({ title, payload }) => ({ title, payload })) });
  }

  line(co: CheckoutState) {
    const product = this.product(co.productId!);
    const variant = co.variantId ? product.variants.find((v) => v.id === co.variantId) : undefined;
    const unit = variant?.priceMinor ?? product.priceMinor;
    return { product, variant, unit, total: unit * (co.quantity ?? 1) };
  }

  askConfirm(co: CheckoutState) {
    const { product, variant, total } = this.line(co);
    const where = co.address
      ? `Delivery to: ${co.address}`
      : `Collect at: ${pointText(this.ctx.catalogue.collectionPoints.find((p) => p.id === co.pointId))}`;
    const name = variant ? `${product.name} (${variant.name})` : product.name;
    this.say(`${co.quantity} × ${name}: ${formatMoney(total, product.currency)}\n${where}\nConfirm your order?`, {
      quickReplies: [
        { title: 'Confirm', payload: 'CO:YES' },
        { title: 'Cancel', payload: 'CO:NO' },
      ],
    });
  }

  checkoutInvalid(step: CheckoutStep, reask: () => void, hint: string): EngineResult {
    const co = this.co;
    const result = this.invalid({ ...step, maxAttempts: 3, invalidText: hint, onInvalid: undefined }, reask);
    if (result.outcome.kind === 'waiting') this.vars[CHECKOUT] = co;
    return result;
  }

  checkoutAnswer(step: CheckoutStep, input: { text: string; payload?: string }): EngineResult {
    const co = this.co;
    const reset = () => delete this.vars[ATTEMPTS];
    switch (co.phase) {
      case 'product': {
        const collectionId = step.collectionId ?? (this.vars.collectionId as string);
        const { options } = this.productChoices(collectionId);
        const picked = matchOption(options, input);
        if (!picked) return this.checkoutInvalid(step, () => this.askProduct(collectionId), 'Please pick one of the products.');
        reset();
        return this.checkoutProduct(step, picked.payload.slice('CO:P:'.length));
      }
      case 'variant': {
        const product = this.product(co.productId!);
        const picked = matchOption(this.variantOptions(product), input);
        if (!picked) return this.checkoutInvalid(step, () => this.askVariant(product), 'Please pick one of the options.');
        reset();
        this.co = { ...co, phase: 'quantity', variantId: picked.variant.id };
        this.askQuantity(step, product, picked.variant.id);
        return this.wait(step.id);
      }
      case 'quantity': {
        const product = this.product(co.productId!);
        const max = this.maxQuantity(step, product, co.variantId ?? null);
        const raw = input.payload?.startsWith('CO:Q:') ? input.payload.slice(5) : input.text;
        const checked = validateAnswer('number', raw, { min: 1, max });
        if (!checked.ok || !Number.isInteger(Number(checked.value))) {
          return this.checkoutInvalid(step, () => this.askQuantity(step, product, co.variantId ?? null), `Please send a whole number from 1 to ${max}.`);
        }
        reset();
        return this.askNextDelivery(step, { ...co, quantity: Number(checked.value) });
      }
      case 'mode': {
        const options = [
          { title: 'Delivery', payload: 'CO:M:delivery' },
          { title: 'Collection point', payload: 'CO:M:collection_point' },
          { title: 'Collect', payload: 'CO:M:collection_point' },
          { title: 'Pick up', payload: 'CO:M:collection_point' },
        ];
        const picked = matchOption(options, input);
        if (!picked) {
          return this.checkoutInvalid(step, () => this.askNextDelivery(step, co), 'Please choose Delivery or Collection point.');
        }
        reset();
        if (picked.payload === 'CO:M:delivery') {
          this.co = { ...co, phase: 'address' };
          this.say('Please send your delivery address (name, street, city, postcode).');
        } else {
          this.co = { ...co, phase: 'point' };
          this.askPoint();
        }
        return this.wait(step.id);
      }
      case 'address': {
        const address = input.text.trim();
        if (address.length < 8 || address.length > 500) {
          return this.checkoutInvalid(step, () => this.say('Please send your delivery address (name, street, city, postcode).'), 'That address looks too short.');
        }
        reset();
        const next = { ...co, phase: 'confirm' as const, address };
        this.co = next;
        this.askConfirm(next);
        return this.wait(step.id);
      }
      case 'point': {
        const picked = matchOption(this.pointOptions(), input);
        if (!picked) return this.checkoutInvalid(step, () => this.askPoint(), 'Please pick one of the collection points.');
        reset();
        const next = { ...co, phase: 'confirm' as const, pointId: picked.point.id };
        this.co = next;
        this.askConfirm(next);
        return this.wait(step.id);
      }
      case 'confirm': {
        const picked = matchOption(
          [
            { title: 'Confirm', payload: 'CO:YES' },
            { title: 'Yes', payload: 'CO:YES' },
            { title: 'Cancel', payload: 'CO:NO' },
            { title: 'No', payload: 'CO:NO' },
          ],
          input,
        );
        if (!picked) return this.checkoutInvalid(step, () => this.askConfirm(co), 'Please answer Confirm or Cancel.');
        reset();
        if (picked.payload === 'CO:NO') {
          this.say('No problem, I cancelled that order.');
          return this.go(step.onCancel);
        }
        const { product, unit } = this.line(co);
        this.co = { ...co, phase: 'placing' };
        delete this.vars[WAITING];
        return this.result(step.id, {
          kind: 'create_order',
          order: {
            productId: product.id,
            variantId: co.variantId ?? null,
            quantity: co.quantity!,
            unitPriceMinor: unit,
            currency: product.currency,
            delivery: co.address ? { address: co.address } : null,
            collectionPointId: co.pointId ?? null,
          },
        });
      }
      case 'placing':
        // An answer while the order is being placed cannot happen in one transaction; wait.
        return this.wait(step.id);
    }
  }

  orderResult(step: CheckoutStep, input: Extract<FlowInput, { kind: 'order_result' }>): EngineResult {
    const co = this.co;
    if (co.phase !== 'placing') throw new FlowRuntimeError('An order result arrived while no order was being placed');
    if (!input.ok) {
      const product = this.ctx.catalogue.products[co.productId!];
      this.say(`Sorry, ${product?.name ?? 'that product'} just sold out, so I could not place your order.`);
      return this.go(step.onOutOfStock);
    }
    this.vars.orderNumber = input.orderNumber;
    this.say(`Thank you! Your order #${input.orderNumber} is placed: ${formatMoney(input.totalMinor, input.currency)}, awaiting payment. We will send you the payment details shortly.`);
    return this.go(step.next);
  }
}

type CheckoutStep = Extract<Step, { type: 'checkout' }>;

function pointText(point: Catalogue['collectionPoints'][number] | undefined): string {
  if (!point) return 'collection point';
  return point.openingHours ? `${point.name} (open ${point.openingHours})` : point.name;
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
  if (input.kind === 'order_result') {
    if (step.type !== 'checkout') throw new FlowRuntimeError('An order result arrived outside a checkout step');
    return run.orderResult(step, input);
  }
  // Not yet prompted (e.g. resumed onto a step that never ran): run it now; the message is not its answer.
  if (!state.variables[WAITING]) return run.enter(state.stepId);
  return run.answer(step, input);
}
