import type { OutboundMessage, QuickReply } from '@/channels/types';
import { formatMoney } from '@/lib/commerce/money';
import { matchOption, validateAnswer } from './answers';
import type { Step } from './definition';
import { ATTEMPTS, CHECKOUT, FlowRuntimeError, WAITING, type Catalogue, type CatalogueProduct, type EngineContext, type EngineResult, type FlowInput, type Outcome } from './engine-types';

// The checkout step: a conversation of its own inside one step (product → option → quantity
// → delivery or collection point → confirm), its progress kept in the reserved _checkout
// variable, ending in a `create_order` outcome the runtime acts on.

export type CheckoutStep = Extract<Step, { type: 'checkout' }>;

/** What the checkout needs of the engine's run (lib/flows/engine-run.ts). */
export interface CheckoutRun {
  readonly ctx: EngineContext;
  readonly vars: Record<string, unknown>;
  readonly outputs: OutboundMessage[];
  say(text: string, extra?: { quickReplies?: QuickReply[] }): void;
  wait(stepId: string): EngineResult;
  go(next: string | undefined): EngineResult;
  result(stepId: string | null, outcome: Outcome): EngineResult;
  invalid(step: Step & { maxAttempts: number; onInvalid?: string; invalidText?: string }, reask: () => void): EngineResult;
  product(id: string): CatalogueProduct;
  card(product: CatalogueProduct, buy: boolean): OutboundMessage;
}

type Phase = 'product' | 'variant' | 'quantity' | 'mode' | 'address' | 'point' | 'confirm' | 'placing';
type Progress = {
  phase: Phase;
  productId?: string;
  variantId?: string | null;
  quantity?: number;
  address?: string;
  pointId?: string;
};

type Checkout = { run: CheckoutRun; step: CheckoutStep };
type Answer = { text: string; payload?: string };

const ADDRESS_PROMPT = 'Please send your delivery address (name, street, city, postcode).';

function progress(run: CheckoutRun): Progress {
  return (run.vars[CHECKOUT] as Progress | undefined) ?? { phase: 'product' };
}

function setProgress(run: CheckoutRun, value: Progress) {
  run.vars[CHECKOUT] = value;
}

// ---------- asking ----------

function available(product: CatalogueProduct): number {
  return product.variants.length ? product.variants.reduce((n, v) => n + Math.max(0, v.stock), 0) : Math.max(0, product.stock);
}

function productChoices(run: CheckoutRun, collectionId: string) {
  const collection = run.ctx.catalogue.collections[collectionId];
  if (!collection) throw new FlowRuntimeError(`Collection ${collectionId} is not in the catalogue`);
  const products = collection.productIds.map((id) => run.ctx.catalogue.products[id]).filter((p): p is CatalogueProduct => Boolean(p));
  if (products.length === 0) throw new FlowRuntimeError(`Collection ${collection.name} has no products`);
  return { collection, options: products.slice(0, 13).map((p) => ({ title: p.name.slice(0, 20), payload: `CO:P:${p.id}` })) };
}

function askProduct(run: CheckoutRun, collectionId: string) {
  const { collection, options } = productChoices(run, collectionId);
  run.say(`Which product from ${collection.name} would you like?`, { quickReplies: options });
}

function variantOptions(product: CatalogueProduct) {
  return product.variants.filter((v) => v.stock > 0).map((v) => ({ title: v.name.slice(0, 20), payload: `CO:V:${v.id}`, variant: v }));
}

function askVariant(run: CheckoutRun, product: CatalogueProduct) {
  run.say(`Which option of ${product.name} would you like?`, { quickReplies: variantOptions(product).map(({ title, payload }) => ({ title, payload })) });
}

function maxQuantity(step: CheckoutStep, product: CatalogueProduct, variantId: string | null) {
  const stock = variantId ? (product.variants.find((v) => v.id === variantId)?.stock ?? 0) : product.stock;
  return Math.max(0, Math.min(step.maxQuantity, stock));
}

function askQuantity({ run, step }: Checkout, product: CatalogueProduct, variantId: string | null) {
  const max = maxQuantity(step, product, variantId);
  const quick = Array.from({ length: Math.min(3, max) }, (_, i) => ({ title: String(i + 1), payload: `CO:Q:${i + 1}` }));
  run.say(`How many would you like? (1–${max})`, { quickReplies: quick });
}

const MODE_REPLIES = [
  { title: 'Delivery', payload: 'CO:M:delivery' },
  { title: 'Collection point', payload: 'CO:M:collection_point' },
];

function askNextDelivery(c: Checkout, co: Progress): EngineResult {
  const { run, step } = c;
  const modes = step.delivery.filter((m) => m === 'delivery' || run.ctx.catalogue.collectionPoints.length > 0);
  if (modes.length === 0) throw new FlowRuntimeError('No delivery option: add a collection point or allow delivery');
  if (modes.length > 1) {
    setProgress(run, { ...co, phase: 'mode' });
    run.say('How would you like to get your order?', { quickReplies: MODE_REPLIES });
  } else if (modes[0] === 'delivery') {
    setProgress(run, { ...co, phase: 'address' });
    run.say(ADDRESS_PROMPT);
  } else {
    setProgress(run, { ...co, phase: 'point' });
    askPoint(run);
  }
  return run.wait(step.id);
}

function pointOptions(run: CheckoutRun) {
  return run.ctx.catalogue.collectionPoints.slice(0, 13).map((p) => ({ title: p.name.slice(0, 20), payload: `CO:C:${p.id}`, point: p }));
}

function askPoint(run: CheckoutRun) {
  // Quick replies only fit a short name, so the text lists where each point is and when it opens.
  const options = pointOptions(run);
  const where = options.map(({ point: p }) => `• ${p.name}: ${p.address}${p.openingHours ? ` (open ${p.openingHours})` : ''}`);
  run.say(['Where would you like to collect it?', ...where].join('\n'), { quickReplies: options.map(({ title, payload }) => ({ title, payload })) });
}

function orderLine(run: CheckoutRun, co: Progress) {
  const product = run.product(co.productId!);
  const variant = co.variantId ? product.variants.find((v) => v.id === co.variantId) : undefined;
  const unit = variant?.priceMinor ?? product.priceMinor;
  return { product, variant, unit, total: unit * (co.quantity ?? 1) };
}

function pointText(point: Catalogue['collectionPoints'][number] | undefined): string {
  if (!point) return 'collection point';
  return point.openingHours ? `${point.name} (open ${point.openingHours})` : point.name;
}

function askConfirm(run: CheckoutRun, co: Progress) {
  const { product, variant, total } = orderLine(run, co);
  const where = co.address
    ? `Delivery to: ${co.address}`
    : `Collect at: ${pointText(run.ctx.catalogue.collectionPoints.find((p) => p.id === co.pointId))}`;
  const name = variant ? `${product.name} (${variant.name})` : product.name;
  run.say(`${co.quantity} × ${name}: ${formatMoney(total, product.currency)}\n${where}\nConfirm your order?`, {
    quickReplies: [
      { title: 'Confirm', payload: 'CO:YES' },
      { title: 'Cancel', payload: 'CO:NO' },
    ],
  });
}

// ---------- moving on ----------

function startWithProduct(c: Checkout, productId: string): EngineResult {
  const { run, step } = c;
  const product = run.product(productId);
  run.outputs.push(run.card(product, false));
  if (available(product) === 0) {
    run.say(`Sorry, ${product.name} is out of stock right now.`);
    return run.go(step.onOutOfStock);
  }
  if (product.variants.length) {
    setProgress(run, { phase: 'variant', productId });
    askVariant(run, product);
    return run.wait(step.id);
  }
  setProgress(run, { phase: 'quantity', productId, variantId: null });
  askQuantity(c, product, null);
  return run.wait(step.id);
}

/** Waits in `phase` after asking (the answer's attempts start again). */
function askedNext(c: Checkout, next: Progress, ask: () => void): EngineResult {
  setProgress(c.run, next);
  ask();
  return c.run.wait(c.step.id);
}

/** A wrong answer: say so and ask again, keeping the progress; after three, hand off. */
function refused(c: Checkout, reask: () => void, hint: string): EngineResult {
  const co = progress(c.run);
  const result = c.run.invalid({ ...c.step, maxAttempts: 3, invalidText: hint, onInvalid: undefined }, reask);
  if (result.outcome.kind === 'waiting') setProgress(c.run, co);
  return result;
}

function accepted(c: Checkout) {
  delete c.run.vars[ATTEMPTS];
}

// ---------- answers, one phase each ----------

function collectionOf(c: Checkout): string {
  return c.step.collectionId ?? (c.run.vars.collectionId as string);
}

function answerProduct(c: Checkout, input: Answer): EngineResult {
  const collectionId = collectionOf(c);
  const picked = matchOption(productChoices(c.run, collectionId).options, input);
  if (!picked) return refused(c, () => askProduct(c.run, collectionId), 'Please pick one of the products.');
  accepted(c);
  return startWithProduct(c, picked.payload.slice('CO:P:'.length));
}

function answerVariant(c: Checkout, co: Progress, input: Answer): EngineResult {
  const product = c.run.product(co.productId!);
  const picked = matchOption(variantOptions(product), input);
  if (!picked) return refused(c, () => askVariant(c.run, product), 'Please pick one of the options.');
  accepted(c);
  return askedNext(c, { ...co, phase: 'quantity', variantId: picked.variant.id }, () => askQuantity(c, product, picked.variant.id));
}

function answerQuantity(c: Checkout, co: Progress, input: Answer): EngineResult {
  const product = c.run.product(co.productId!);
  const max = maxQuantity(c.step, product, co.variantId ?? null);
  const raw = input.payload?.startsWith('CO:Q:') ? input.payload.slice(5) : input.text;
  const checked = validateAnswer('number', raw, { min: 1, max });
  if (!checked.ok || !Number.isInteger(Number(checked.value))) {
    return refused(c, () => askQuantity(c, product, co.variantId ?? null), `Please send a whole number from 1 to ${max}.`);
  }
  accepted(c);
  return askNextDelivery(c, { ...co, quantity: Number(checked.value) });
}

function answerMode(c: Checkout, co: Progress, input: Answer): EngineResult {
  const options = [...MODE_REPLIES, { title: 'Collect', payload: 'CO:M:collection_point' }, { title: 'Pick up', payload: 'CO:M:collection_point' }];
  const picked = matchOption(options, input);
  if (!picked) return refused(c, () => askNextDelivery(c, co), 'Please choose Delivery or Collection point.');
  accepted(c);
  if (picked.payload === 'CO:M:delivery') return askedNext(c, { ...co, phase: 'address' }, () => c.run.say(ADDRESS_PROMPT));
  return askedNext(c, { ...co, phase: 'point' }, () => askPoint(c.run));
}

function answerAddress(c: Checkout, co: Progress, input: Answer): EngineResult {
  const address = input.text.trim();
  if (address.length < 8 || address.length > 500) return refused(c, () => c.run.say(ADDRESS_PROMPT), 'That address looks too short.');
  accepted(c);
  const next: Progress = { ...co, phase: 'confirm', address };
  return askedNext(c, next, () => askConfirm(c.run, next));
}

function answerPoint(c: Checkout, co: Progress, input: Answer): EngineResult {
  const picked = matchOption(pointOptions(c.run), input);
  if (!picked) return refused(c, () => askPoint(c.run), 'Please pick one of the collection points.');
  accepted(c);
  const next: Progress = { ...co, phase: 'confirm', pointId: picked.point.id };
  return askedNext(c, next, () => askConfirm(c.run, next));
}

const CONFIRM_REPLIES = [
  { title: 'Confirm', payload: 'CO:YES' },
  { title: 'Yes', payload: 'CO:YES' },
  { title: 'Cancel', payload: 'CO:NO' },
  { title: 'No', payload: 'CO:NO' },
];

function answerConfirm(c: Checkout, co: Progress, input: Answer): EngineResult {
  const { run, step } = c;
  const picked = matchOption(CONFIRM_REPLIES, input);
  if (!picked) return refused(c, () => askConfirm(run, co), 'Please answer Confirm or Cancel.');
  accepted(c);
  if (picked.payload === 'CO:NO') {
    run.say('No problem, I cancelled that order.');
    return run.go(step.onCancel);
  }
  const { product, unit } = orderLine(run, co);
  setProgress(run, { ...co, phase: 'placing' });
  delete run.vars[WAITING];
  return run.result(step.id, {
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

// ---------- the step ----------

/** Entering the step: a fixed product (the step's, a variable's or a Buy button's) or a pick from a collection. */
export function enterCheckout(run: CheckoutRun, step: CheckoutStep): EngineResult {
  const c = { run, step };
  const fixed = step.productId ?? (run.vars.productId as string | undefined) ?? (step.collectionId ? undefined : (run.vars.payloadArg as string | undefined));
  if (fixed) return startWithProduct(c, fixed);
  const collectionId = step.collectionId ?? (run.vars.collectionId as string | undefined);
  if (!collectionId) throw new FlowRuntimeError('This checkout has no product or collection');
  return askedNext(c, { phase: 'product' }, () => askProduct(run, collectionId));
}

/** The customer's answer to what the checkout asked last. */
export function answerCheckout(run: CheckoutRun, step: CheckoutStep, input: Answer): EngineResult {
  const c = { run, step };
  const co = progress(run);
  switch (co.phase) {
    case 'product':
      return answerProduct(c, input);
    case 'variant':
      return answerVariant(c, co, input);
    case 'quantity':
      return answerQuantity(c, co, input);
    case 'mode':
      return answerMode(c, co, input);
    case 'address':
      return answerAddress(c, co, input);
    case 'point':
      return answerPoint(c, co, input);
    case 'confirm':
      return answerConfirm(c, co, input);
    case 'placing':
      // An answer while the order is being placed cannot happen in one transaction; wait.
      return run.wait(step.id);
  }
}

/** What placing the order gave: thanks with its number, or sorry (sold out meanwhile). */
export function checkoutOrderResult(run: CheckoutRun, step: CheckoutStep, input: Extract<FlowInput, { kind: 'order_result' }>): EngineResult {
  const co = progress(run);
  if (co.phase !== 'placing') throw new FlowRuntimeError('An order result arrived while no order was being placed');
  if (!input.ok) {
    const product = run.ctx.catalogue.products[co.productId!];
    run.say(`Sorry, ${product?.name ?? 'that product'} just sold out, so I could not place your order.`);
    return run.go(step.onOutOfStock);
  }
  run.vars.orderNumber = input.orderNumber;
  run.say(`Thank you! Your order #${input.orderNumber} is placed: ${formatMoney(input.totalMinor, input.currency)}, awaiting payment. We will send you the payment details shortly.`);
  return run.go(step.next);
}
