import { describe, expect, it } from 'vitest';
import type { BotState } from '@/db/schema/conversations';
import { validateDefinition, type FlowDefinition, type FlowDefinitionInput } from './definition';
import { advance, FlowRuntimeError, initialState, matchOption, validateAnswer, type Catalogue, type EngineContext, type FlowInput } from './engine';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const V1 = '33333333-3333-4333-8333-333333333331';
const V2 = '33333333-3333-4333-8333-333333333332';
const C1 = '44444444-4444-4444-8444-444444444444';
const PT = '55555555-5555-4555-8555-555555555555';
const FLOW2 = '66666666-6666-4666-8666-666666666666';
const TEAM = '77777777-7777-4777-8777-777777777777';

const catalogue: Catalogue = {
  products: {
    [P1]: { id: P1, sku: 'SHIRT', name: 'Linen shirt', description: 'Breezy', priceMinor: 129000, currency: 'THB', stock: 0, imageUrl: 'https://img.test/shirt.jpg', variants: [
      { id: V1, name: 'M', sku: 'SHIRT-M', priceMinor: null, stock: 5 },
      { id: V2, name: 'L', sku: 'SHIRT-L', priceMinor: 139000, stock: 0 },
    ] },
    [P2]: { id: P2, sku: 'MUG', name: 'Mug', description: null, priceMinor: 1250, currency: 'USD', stock: 2, imageUrl: null, variants: [] },
  },
  collections: { [C1]: { id: C1, name: 'Summer', productIds: [P1, P2] } },
  collectionPoints: [{ id: PT, name: 'Siam store', address: 'Rama I Rd' }],
};

const ctx = (over: Partial<EngineContext> = {}): EngineContext => ({
  channel: 'facebook',
  now: new Date('2025-01-06T10:00:00Z'),
  businessHoursOpen: true,
  contact: { name: 'Kerry Lee', email: null, tags: ['vip'], customData: { size: 'M' } },
  catalogue,
  ...over,
});

function flow(input: FlowDefinitionInput): FlowDefinition {
  const result = validateDefinition(input);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.definition;
}

const msg = (text: string, payload?: string): FlowInput => ({ kind: 'message', text, ...(payload ? { payload } : {}) });
const texts = (r: { outputs: { kind: string }[] }) => r.outputs.map((o) => ('text' in o ? (o as { text: string }).text : o.kind));

/** Starts a flow and feeds it answers, returning every result. */
function play(def: FlowDefinition, answers: FlowInput[], c = ctx()) {
  let state: BotState | null = initialState('f1', 1, def);
  const results = [advance(def, state, { kind: 'start' }, c)];
  state = results[0].state;
  for (const answer of answers) {
    if (!state) throw new Error('flow already ended');
    const r = advance(def, state, answer, c);
    results.push(r);
    state = r.state;
  }
  return results;
}

describe('send message, variables, end', () => {
  it('sends text with variables, an image and a file, then ends', () => {
    const def = flow({
      start: 'hi',
      steps: [
        { id: 'hi', type: 'message', content: { kind: 'text', text: 'Hi {{contact.first_name}}, size {{custom.size}} on {{channel}}{{nothing}}' }, next: 'img' },
        { id: 'img', type: 'message', content: { kind: 'image', url: 'https://img.test/a.png', caption: 'For {{contact.name}}' }, next: 'file' },
        { id: 'file', type: 'message', content: { kind: 'file', url: 'https://files.test/menu.pdf', name: 'menu.pdf' }, next: 'end' },
        { id: 'end', type: 'end', message: 'Bye' },
      ],
    });
    const [r] = play(def, []);
    expect(r.outputs).toEqual([
      { kind: 'text', text: 'Hi Kerry, size M on facebook' },
      { kind: 'media', mediaKind: 'image', url: 'https://img.test/a.png', caption: 'For Kerry Lee' },
      { kind: 'media', mediaKind: 'file', url: 'https://files.test/menu.pdf', name: 'menu.pdf' },
      { kind: 'text', text: 'Bye' },
    ]);
    expect(r.state).toBeNull();
    expect(r.outcome).toEqual({ kind: 'ended' });
  });
});

describe('ask with quick replies or buttons', () => {
  const def = flow({
    start: 'menu',
    steps: [
      { id: 'menu', type: 'ask_choice', text: 'What do you need?', options: [
        { title: 'Track my order', payload: 'TRACK', next: 'track' },
        { title: 'Browse', next: 'browse' },
      ], saveTo: { kind: 'custom_data', key: 'intent' }, maxAttempts: 2 },
      { id: 'track', type: 'end', message: 'Tracking' },
      { id: 'browse', type: 'ask_choice', style: 'buttons', text: 'Pick', options: [{ title: 'A', next: 'track' }] },
    ],
  });

  it('offers quick replies and branches on payload, title or number', () => {
    const [start, byPayload] = play(def, [msg('whatever', 'TRACK')]);
    expect(start.outputs[0]).toEqual({ kind: 'text', text: 'What do you need?', quickReplies: [{ title: 'Track my order', payload: 'TRACK' }, { title: 'Browse', payload: 'Browse' }] });
    expect(start.state).toMatchObject({ stepId: 'menu', variables: { _waiting: true } });
    expect(texts(byPayload)).toEqual(['Tracking']);
    expect(byPayload.effects).toEqual([{ kind: 'set_custom_data', key: 'intent', value: 'Track my order' }]);
    expect(texts(play(def, [msg('track my order!')])[1])).toEqual(['Tracking']);
    const byNumber = play(def, [msg('2')])[1];
    expect(byNumber.outputs[0]).toMatchObject({ kind: 'text', text: 'Pick', buttons: [{ title: 'A', payload: 'A' }] });
    expect(byNumber.state?.stepId).toBe('browse');
  });

  it('re-asks on an unknown answer, and hands off after the limit', () => {
    const [, first, second] = play(def, [msg('banana'), msg('kiwi')]);
    expect(first.outcome).toEqual({ kind: 'waiting' });
    expect(texts(first)).toEqual(['Sorry, that does not look right.', 'What do you need?']);
    expect(first.state?.variables).toMatchObject({ _attempts: 1, _waiting: true });
    expect(second.outcome).toEqual({ kind: 'hand_off', teamId: null, reason: 'invalid_input' });
    expect(second.state?.stepId).toBe('menu');
  });
});

describe('ask for input and save it', () => {
  const def = flow({
    start: 'email',
    steps: [
      { id: 'email', type: 'ask_input', text: 'Your email?', input: 'email', saveTo: { kind: 'custom_data', key: 'email' }, next: 'phone', onInvalid: 'gave_up' },
      { id: 'phone', type: 'ask_input', text: 'Phone?', input: 'phone', saveTo: { kind: 'variable', name: 'phone' }, next: 'qty' },
      { id: 'qty', type: 'ask_input', text: 'How many?', input: 'number', min: 1, max: 5, saveTo: { kind: 'variable', name: 'qty' }, next: 'tagit' },
      { id: 'tagit', type: 'ask_input', text: 'Favourite colour?', input: 'text', saveTo: { kind: 'tag' }, next: 'done' },
      { id: 'done', type: 'end', message: 'Got {{phone}} x{{vars.qty}}' },
      { id: 'gave_up', type: 'end', message: 'Never mind' },
    ],
  });

  it('validates each kind, saves into custom data, variables and tags', () => {
    const r = play(def, [msg('not-an-email'), msg('Kerry@Example.com'), msg('+66 81-234-5678'), msg('9'), msg('3'), msg('Teal')]);
    expect(texts(r[1])).toEqual(['Please send a valid email address.', 'Your email?']);
    expect(r[2].effects).toEqual([{ kind: 'set_custom_data', key: 'email', value: 'kerry@example.com' }]);
    expect(r[3].state?.variables.phone).toBe('+66812345678');
    expect(texts(r[4])[0]).toBe('Please send a number.');
    expect(r[6].effects).toEqual([{ kind: 'add_tag', tag: 'Teal' }]);
    expect(texts(r[6])).toEqual(['Got +66812345678 x3']);
  });

  it('goes to onInvalid after the limit of invalid answers', () => {
    const r = play(def, [msg('a'), msg('b'), msg('c')]);
    expect(r[2].outcome.kind).toBe('waiting');
    expect(texts(r[3])).toEqual(['Never mind']);
    expect(r[3].state).toBeNull();
  });

  it('validateAnswer edge cases', () => {
    expect(validateAnswer('number', '1,200')).toEqual({ ok: true, value: '1200' });
    expect(validateAnswer('number', '12abc')).toEqual({ ok: false });
    expect(validateAnswer('phone', '12')).toEqual({ ok: false });
    expect(validateAnswer('text', '   ')).toEqual({ ok: false });
    expect(matchOption([{ title: 'Yes' }], { text: '  YES. ' })).toEqual({ title: 'Yes' });
  });
});

describe('conditions, tags and custom data', () => {
  const def = flow({
    start: 'c',
    steps: [
      { id: 'c', type: 'condition', rules: [
        { all: [{ kind: 'business_hours', negate: true }], next: 'closed' },
        { all: [{ kind: 'has_tag', tag: 'VIP' }, { kind: 'channel', channels: ['facebook'] }], next: 'vip' },
        { all: [{ kind: 'custom_data', key: 'size', op: 'equals', value: 'm' }], next: 'sized' },
      ], else: 'other' },
      { id: 'closed', type: 'end', message: 'closed' },
      { id: 'vip', type: 'tag', action: 'remove', tag: 'vip', next: 'again' },
      { id: 'again', type: 'condition', rules: [{ all: [{ kind: 'has_tag', tag: 'vip' }], next: 'other' }], else: 'set' },
      { id: 'set', type: 'set_data', key: 'segment', value: 'ex-vip {{contact.name}}', next: 'add' },
      { id: 'add', type: 'tag', action: 'add', tag: 'lapsed', next: 'check' },
      { id: 'check', type: 'condition', rules: [{ all: [{ kind: 'custom_data', key: 'segment', op: 'contains', value: 'EX-VIP' }, { kind: 'has_tag', tag: 'lapsed' }], next: 'vipend' }] },
      { id: 'vipend', type: 'end', message: 'vip path' },
      { id: 'sized', type: 'end', message: 'sized' },
      { id: 'other', type: 'end', message: 'other' },
    ],
  });

  it('routes on business hours, tags, channel and custom data; effects are visible to later steps', () => {
    expect(texts(play(def, [], ctx({ businessHoursOpen: false }))[0])).toEqual(['closed']);
    const vip = play(def, [])[0];
    expect(texts(vip)).toEqual(['vip path']);
    expect(vip.effects).toEqual([
      { kind: 'remove_tag', tag: 'vip' },
      { kind: 'set_custom_data', key: 'segment', value: 'ex-vip Kerry Lee' },
      { kind: 'add_tag', tag: 'lapsed' },
    ]);
    expect(texts(play(def, [], ctx({ channel: 'line' }))[0])).toEqual(['sized']);
    expect(texts(play(def, [], ctx({ channel: 'line', contact: { name: 'A', tags: [], customData: {} } }))[0])).toEqual(['other']);
  });

  it('a condition with no matching rule and no else ends the flow', () => {
    const def2 = flow({ start: 'c', steps: [{ id: 'c', type: 'condition', rules: [{ all: [{ kind: 'variable', name: 'x', op: 'exists' }], next: 'c2' }] }, { id: 'c2', type: 'end' }] });
    expect(play(def2, [])[0]).toMatchObject({ state: null, outcome: { kind: 'ended' } });
  });
});

describe('set priority', () => {
  it('gives a set_priority effect and goes on to the next step', () => {
    const def = flow({ start: 'p', steps: [
      { id: 'p', type: 'set_priority', priority: 'urgent', next: 'h' },
      { id: 'h', type: 'hand_off', message: 'A person will answer' },
    ] });
    const [r] = play(def, []);
    expect(r.effects).toEqual([{ kind: 'set_priority', priority: 'urgent' }]);
    expect(r.outcome).toMatchObject({ kind: 'hand_off' });
    expect(texts(r)).toEqual(['A person will answer']);
  });

  it('ends the flow when it is the last step; refuses a priority that does not exist', () => {
    const [r] = play(flow({ start: 'p', steps: [{ id: 'p', type: 'set_priority', priority: 'none' }] }), []);
    expect(r).toMatchObject({ effects: [{ kind: 'set_priority', priority: 'none' }], state: null, outcome: { kind: 'ended' } });
    const wrong = validateDefinition({ start: 'p', steps: [{ id: 'p', type: 'set_priority', priority: 'critical' }] });
    expect(wrong.ok).toBe(false);
  });
});

describe('hand off, go to flow, wait', () => {
  it('hand off with a team and a message', () => {
    const def = flow({ start: 'h', steps: [{ id: 'h', type: 'hand_off', teamId: TEAM, message: 'Connecting you with {{contact.first_name}}’s stylist' }] });
    const [r] = play(def, []);
    // saidSo: the step's words are the customer's acknowledgement (no hand-off message on top).
    expect(r.outcome).toEqual({ kind: 'hand_off', teamId: TEAM, reason: 'flow', saidSo: true });
    expect(texts(r)).toEqual(['Connecting you with Kerry’s stylist']);
    expect(r.state).toBeNull();
    const [quiet] = play(flow({ start: 'h', steps: [{ id: 'h', type: 'hand_off' }] }), []);
    expect(quiet.outcome).toEqual({ kind: 'hand_off', teamId: null, reason: 'flow', saidSo: false });
  });

  it('go to another flow', () => {
    const def = flow({ start: 'g', steps: [{ id: 'g', type: 'goto_flow', flowId: FLOW2 }] });
    expect(play(def, [])[0]).toMatchObject({ outcome: { kind: 'goto', flowId: FLOW2 }, state: null });
  });

  it('wait stops until the next message and consumes it', () => {
    const def = flow({ start: 'a', steps: [
      { id: 'a', type: 'message', content: { kind: 'text', text: 'one' }, next: 'w' },
      { id: 'w', type: 'wait', next: 'b' },
      { id: 'b', type: 'end', message: 'two' },
    ] });
    const [first, second] = play(def, [msg('ok')]);
    expect(texts(first)).toEqual(['one']);
    expect(first.state).toMatchObject({ stepId: 'w' });
    expect(texts(second)).toEqual(['two']);
  });
});

describe('show products', () => {
  it('shows product cards with a buy payload, from ids or a collection', () => {
    const def = flow({ start: 's', steps: [{ id: 's', type: 'show_products', text: 'Our picks', collectionId: C1, next: 'e' }, { id: 'e', type: 'end' }] });
    const [r] = play(def, []);
    expect(r.outputs).toEqual([
      { kind: 'text', text: 'Our picks' },
      { kind: 'product', product: { name: 'Linen shirt', price: '฿1,290.00', description: 'Breezy', imageUrl: 'https://img.test/shirt.jpg', buyPayload: `BUY:${P1}` } },
      { kind: 'product', product: { name: 'Mug', price: '$12.50', buyPayload: `BUY:${P2}` } },
    ]);
  });
});

describe('checkout', () => {
  const def = flow({ start: 'co', steps: [{ id: 'co', type: 'checkout', collectionId: C1, next: 'thanks', onCancel: 'cancelled' }, { id: 'thanks', type: 'end', message: 'See you' }, { id: 'cancelled', type: 'end' }] });

  it('collection → product → variant → quantity → collection point → confirm → create order → placed', () => {
    const r = play(def, [msg('Linen shirt', `CO:P:${P1}`), msg('M'), msg('2'), msg('Collection point'), msg('1'), msg('Confirm', 'CO:YES')]);
    expect(r[0].outputs[0]).toMatchObject({ text: 'Which product from Summer would you like?', quickReplies: [{ title: 'Linen shirt', payload: `CO:P:${P1}` }, { title: 'Mug', payload: `CO:P:${P2}` }] });
    expect(r[1].outputs[0]).toMatchObject({ kind: 'product', product: { name: 'Linen shirt' } });
    // L is out of stock: only M is offered.
    expect(r[1].outputs[1]).toMatchObject({ quickReplies: [{ title: 'M', payload: `CO:V:${V1}` }] });
    expect(texts(r[2])).toEqual(['How many would you like? (1–5)']);
    expect(texts(r[3])).toEqual(['How would you like to get your order?']);
    expect(r[4].outputs[0]).toMatchObject({ quickReplies: [{ title: 'Siam store', payload: `CO:C:${PT}` }] });
    expect(texts(r[5])[0]).toBe('2 × Linen shirt (M): ฿2,580.00\nCollect at: Siam store\nConfirm your order?');
    expect(r[6].outcome).toEqual({ kind: 'create_order', order: { productId: P1, variantId: V1, quantity: 2, unitPriceMinor: 129000, currency: 'THB', delivery: null, collectionPointId: PT } });
    const placed = advance(def, r[6].state!, { kind: 'order_result', ok: true, orderNumber: 1001, totalMinor: 258000, currency: 'THB' }, ctx());
    expect(texts(placed)).toEqual(['Thank you! Your order #1001 is placed: ฿2,580.00, awaiting payment. We will send you the payment details shortly.', 'See you']);
    expect(placed.state).toBeNull();
  });

  it('lists the collection points with their address and opening hours, and repeats the hours when confirming', () => {
    const withHours = { ...catalogue, collectionPoints: [{ id: PT, name: 'Siam store', address: 'Rama I Rd', openingHours: 'Mon–Fri 10:00–19:00' }, { id: C1, name: 'Chatuchak', address: 'Kamphaeng Phet 2 Rd' }] };
    const r = play(def, [msg('Mug', `CO:P:${P2}`), msg('1'), msg('Collection point'), msg('Siam store', `CO:C:${PT}`)], ctx({ catalogue: withHours }));
    expect(texts(r[3])[0]).toBe('Where would you like to collect it?\n• Siam store: Rama I Rd (open Mon–Fri 10:00–19:00)\n• Chatuchak: Kamphaeng Phet 2 Rd');
    expect(texts(r[4])[0]).toBe('1 × Mug: $12.50\nCollect at: Siam store (open Mon–Fri 10:00–19:00)\nConfirm your order?');
  });

  it('sells a set like a product without variants: its stock is the derived one the catalogue gives', () => {
    const SET = '88888888-8888-4888-8888-888888888888';
    const withSet = { ...catalogue, products: { ...catalogue.products, [SET]: { id: SET, sku: 'KIT', name: 'Beach kit', description: 'Includes: Mug, Linen shirt (M).', priceMinor: 150000, currency: 'THB', stock: 2, imageUrl: null, variants: [] } } };
    const single = flow({ start: 'co', steps: [{ id: 'co', type: 'checkout', productId: SET, delivery: ['delivery'] }] });
    const r = play(single, [msg('2'), msg('Kerry Lee, 1 Sukhumvit Rd, Bangkok 10110'), msg('yes')], ctx({ catalogue: withSet }));
    expect(r[0].outputs[0]).toMatchObject({ kind: 'product', product: { name: 'Beach kit', description: 'Includes: Mug, Linen shirt (M).' } });
    expect(texts(r[0])[1]).toBe('How many would you like? (1–2)');
    expect(r[3].outcome).toMatchObject({ kind: 'create_order', order: { productId: SET, variantId: null, quantity: 2, unitPriceMinor: 150000 } });
  });

  it('single product with delivery address; quantity above stock re-asks; out of stock at placing says so', () => {
    const single = flow({ start: 'co', steps: [{ id: 'co', type: 'checkout', productId: P2, delivery: ['delivery'] }] });
    const r = play(single, [msg('5'), msg('2'), msg('short'), msg('Kerry Lee, 1 Sukhumvit Rd, Bangkok 10110'), msg('yes')]);
    expect(r[0].outputs[0]).toMatchObject({ kind: 'product', product: { name: 'Mug', price: '$12.50' } });
    expect(r[0].outputs[1]).toMatchObject({ text: 'How many would you like? (1–2)', quickReplies: [{ title: '1' }, { title: '2' }] });
    expect(texts(r[1])[0]).toBe('Please send a whole number from 1 to 2.');
    expect(texts(r[2])).toEqual(['Please send your delivery address (name, street, city, postcode).']);
    expect(texts(r[3])[0]).toBe('That address looks too short.');
    expect(r[5].outcome).toMatchObject({ kind: 'create_order', order: { quantity: 2, delivery: { address: 'Kerry Lee, 1 Sukhumvit Rd, Bangkok 10110' }, collectionPointId: null } });
    const failed = advance(single, r[5].state!, { kind: 'order_result', ok: false, reason: 'out_of_stock' }, ctx());
    expect(texts(failed)).toEqual(['Sorry, Mug just sold out, so I could not place your order.']);
    expect(failed.state).toBeNull();
  });

  it('a product out of stock says so; cancel goes to onCancel; product from a payload variable', () => {
    const none = { ...catalogue, products: { ...catalogue.products, [P2]: { ...catalogue.products[P2], stock: 0 } } };
    const single = flow({ start: 'co', steps: [{ id: 'co', type: 'checkout' }] });
    const state = initialState('f', 1, single, { payloadArg: P2 });
    expect(texts(advance(single, state, { kind: 'start' }, ctx({ catalogue: none })))).toEqual(['product', 'Sorry, Mug is out of stock right now.']);
    const r = play(def, [msg('Mug'), msg('1'), msg('Delivery'), msg('1 Long Street, Springfield'), msg('Cancel')]);
    expect(texts(r[5])).toEqual(['No problem, I cancelled that order.']);
    expect(r[5].state).toBeNull();
  });
});

describe('runtime rules', () => {
  const def = flow({ start: 'q', steps: [{ id: 'q', type: 'ask_input', text: 'Name?', input: 'text', saveTo: { kind: 'variable', name: 'n' }, next: 'e' }, { id: 'e', type: 'end', message: 'Hi {{n}}' }] });

  it('a paused flow ignores the customer', () => {
    const [start] = play(def, []);
    const paused = { ...start.state!, paused: true };
    const r = advance(def, paused, msg('Kerry'), ctx());
    expect(r).toEqual({ outputs: [], effects: [], state: paused, outcome: { kind: 'ignored' } });
  });

  it('resumed on a step that waits, the next message is its answer (continues at the same step)', () => {
    const [start] = play(def, []);
    const resumed = { ...start.state!, paused: false };
    expect(texts(advance(def, resumed, msg('Kerry'), ctx()))).toEqual(['Hi Kerry']);
  });

  it('version pinning: the state runs on the definition it is given (the runtime loads its version)', () => {
    const v2 = flow({ start: 'x', steps: [{ id: 'x', type: 'end', message: 'v2' }] });
    const [start] = play(def, []);
    // Running the v1 state against v2 fails (its step is gone): the runtime must use v1.
    expect(() => advance(v2, start.state!, msg('Kerry'), ctx())).toThrow(FlowRuntimeError);
    expect(texts(advance(def, start.state!, msg('Kerry'), ctx()))).toEqual(['Hi Kerry']);
  });

  it('runtime errors: a missing product throws FlowRuntimeError', () => {
    const broken = flow({ start: 's', steps: [{ id: 's', type: 'show_products', productIds: ['99999999-9999-4999-8999-999999999999'] }] });
    expect(() => play(broken, [])).toThrow(/catalogue/);
  });
});

describe('the "Show form" step', () => {
  const def = flow({
    start: 'form',
    steps: [
      {
        id: 'form',
        type: 'show_form',
        text: 'A few details, please:',
        form: { name: 'required', email: 'optional', phone: 'off', customFields: [{ label: 'Order number', key: 'order_number', type: 'number', required: true }], consent: { enabled: true, text: 'You may keep my details.' } },
        next: 'thanks',
      },
      { id: 'thanks', type: 'end', message: 'Thanks {{contact.name}}!' },
    ],
  });
  const start = initialState('f', 1, def);

  it('waits for the form in the website chat, after its message', () => {
    const r = advance(def, start, { kind: 'start' }, ctx({ channel: 'web' }));
    expect(r.outputs).toEqual([{ kind: 'text', text: 'A few details, please:' }]);
    expect(r.outcome).toEqual({ kind: 'waiting' });
    expect(r.state?.stepId).toBe('form');
  });

  it('is skipped on the other channels', () => {
    const r = advance(def, start, { kind: 'start' }, ctx({ channel: 'whatsapp' }));
    expect(r.outputs).toEqual([{ kind: 'text', text: 'Thanks Kerry Lee!' }]);
    expect(r.outcome).toEqual({ kind: 'ended' });
  });

  it('saves the answers as an effect (customer fields, custom data, the consent) and goes on', () => {
    const waiting = advance(def, start, { kind: 'start' }, ctx({ channel: 'web' })).state!;
    const r = advance(def, waiting, { kind: 'form', answers: { name: 'Mai', email: 'Mai@Example.com', custom: { order_number: '1042' }, consent: true } }, ctx({ channel: 'web' }));
    expect(r.effects).toEqual([
      {
        kind: 'save_form',
        stepId: 'form',
        submission: {
          contact: { name: 'Mai', email: 'mai@example.com' },
          customData: { order_number: '1042' },
          stored: [
            { key: 'name', label: 'Name', value: 'Mai' },
            { key: 'email', label: 'Email', value: 'mai@example.com' },
            { key: 'order_number', label: 'Order number', value: '1042' },
          ],
          consentText: 'You may keep my details.',
        },
      },
    ]);
    // The next steps see the answers.
    expect(r.outputs).toEqual([{ kind: 'text', text: 'Thanks Mai!' }]);
  });

  it('asks for the form again when the customer writes instead, and refuses answers to another step', () => {
    const waiting = advance(def, start, { kind: 'start' }, ctx({ channel: 'web' })).state!;
    const r = advance(def, waiting, { kind: 'message', text: 'hello?' }, ctx({ channel: 'web' }));
    expect(r.outputs.map((o) => (o.kind === 'text' ? o.text : o.kind))).toEqual(['Please fill in the form to go on.', 'A few details, please:']);
    expect(r.outcome).toEqual({ kind: 'waiting' });
    expect(() => advance(def, { ...start, stepId: 'thanks' }, { kind: 'form', answers: { custom: {} } }, ctx({ channel: 'web' }))).toThrow(FlowRuntimeError);
  });

  it('needs at least one field', () => {
    const result = validateDefinition({ start: 'f', steps: [{ id: 'f', type: 'show_form', text: 'Hi', form: { name: 'off', email: 'off', phone: 'off' } }] });
    expect(result.ok).toBe(false);
  });
});
