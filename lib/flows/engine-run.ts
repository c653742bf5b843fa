import type { OutboundMessage, QuickReply } from '@/channels/types';
import type { BotState } from '@/db/schema/conversations';
import { formatMoney } from '@/lib/commerce/money';
import { matchOption, validateAnswer } from './answers';
import type { Condition, FlowDefinition, SaveTarget, Step } from './definition';
import { answerCheckout, enterCheckout, type CheckoutRun } from './engine-checkout';
import { ATTEMPTS, CHECKOUT, FlowRuntimeError, MAX_STEPS_PER_RUN, WAITING, type CatalogueProduct, type EngineContext, type EngineResult, type Effect, type Outcome } from './engine-types';
import { renderTemplate } from './template';
import { mapAnswers, type FormAnswers } from '@/lib/widget/forms/definition';

// One advance of a flow (lib/flows/engine.ts): runs steps from where the state points,
// collecting what to send and what to change, until a step waits for the customer or the
// flow stops. The checkout step's own conversation is lib/flows/engine-checkout.ts.

export class Run implements CheckoutRun {
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
        case 'show_form':
          // Only the website chat can show a form; elsewhere the flow goes straight on.
          if (this.ctx.channel !== 'web') {
            current = step.next;
            break;
          }
          this.say(step.text);
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
        case 'set_priority':
          this.effects.push({ kind: 'set_priority', priority: step.priority });
          current = step.next;
          break;
        case 'show_products':
          this.showProducts(step);
          current = step.next;
          break;
        case 'send_article': {
          const article = this.ctx.articles?.[step.articleId];
          // Unpublished since the flow was saved: a person answers instead (the runtime hands off).
          if (!article) throw new FlowRuntimeError('The article to send is not published');
          if (step.text) this.say(step.text);
          this.outputs.push({ kind: 'article', article });
          current = step.next;
          break;
        }
        case 'checkout':
          return enterCheckout(this, step);
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
      case 'show_form':
        // Written instead of answering the form (the widget hides the composer meanwhile).
        return this.invalid({ ...step, maxAttempts: 3, invalidText: 'Please fill in the form to go on.' }, () => this.say(step.text));
      case 'checkout':
        return answerCheckout(this, step, input);
      default:
        // The state pointed at a step that does not wait: run it.
        return this.enter(step.id);
    }
  }

  /** The visitor answered a "Show form" step: the customer gets the answers, the flow goes on. */
  formAnswered(step: Extract<Step, { type: 'show_form' }>, answers: FormAnswers): EngineResult {
    const mapped = mapAnswers(step.form, answers);
    Object.assign(this.contact, mapped.contact);
    Object.assign(this.contact.customData, mapped.customData);
    this.effects.push({
      kind: 'save_form',
      stepId: step.id,
      submission: { ...mapped, consentText: step.form.consent.enabled ? step.form.consent.text : null },
    });
    return this.go(step.next);
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
}
