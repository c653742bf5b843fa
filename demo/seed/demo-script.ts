import type { Attachment, ConversationHandler, DeliveryStatus, MessageKind } from '@/db/schema';
import { demoImage } from './demo-images';
import { DEMO_STAFF, DEMO_TEAMS, type StaffKey, type TeamKey } from './demo-people';

// A small language for writing demo conversations as data. Times are minutes before
// `now`, so the inbox always looks freshly active whenever the demo is seeded.

export const H = 60;
export const D = 24 * H;

export type TagName = 'VIP' | 'New customer' | 'Wholesale' | 'Complaint' | 'Returning';

/** What a status line did to the conversation; the builder derives assignee/resolve times from it. */
export type StatusEvent =
  | { type: 'handoff' }
  | { type: 'takeover'; by: StaffKey }
  | { type: 'assign'; by: StaffKey; to: StaffKey | TeamKey }
  | { type: 'resolve'; by: StaffKey };

export type ScriptMessage = {
  at: number;
  from: 'customer' | 'bot' | 'system' | StaffKey;
  kind: MessageKind;
  body: string | null;
  attachments?: Attachment[];
  payload?: Record<string, unknown>;
  internal?: boolean;
  status?: DeliveryStatus;
  error?: string;
  event?: StatusEvent;
};

export type ConversationScript = {
  status?: 'open' | 'resolved';
  handler: ConversationHandler;
  assignee?: StaffKey;
  team?: TeamKey;
  bot?: { stepId: string; paused?: boolean; variables?: Record<string, unknown> };
  followUp?: boolean;
  /** Minutes from now until the next reply is due; negative means already overdue. */
  slaDueIn?: number;
  /**
   * How many messages a member had read, overriding the default (everyone who wrote in
   * the conversation has read up to their own last message).
   */
  read?: Partial<Record<StaffKey, number>>;
  messages: ScriptMessage[];
};

export type DemoCustomer = {
  name: string;
  email?: string;
  phone?: string;
  tags?: TagName[];
  data?: Record<string, string>;
  /** Oldest first; only the last one may still be open. */
  conversations: ConversationScript[];
};

export type Product = { name: string; price: number; currency: 'THB'; sku: string; imageUrl: string };

const img = demoImage;

export const PRODUCTS = {
  wrapDress: { name: 'Linen Wrap Dress', price: 1290, currency: 'THB', sku: 'DS-LWD-SAG-M', imageUrl: img('ds-linen-wrap-dress') },
  tote: { name: 'Everyday Canvas Tote', price: 590, currency: 'THB', sku: 'DS-ECT-NAT', imageUrl: img('ds-canvas-tote') },
  oxford: { name: 'Relaxed Oxford Shirt', price: 990, currency: 'THB', sku: 'DS-ROS-WHT-L', imageUrl: img('ds-oxford-shirt') },
  skirt: { name: 'Pleated Midi Skirt', price: 1090, currency: 'THB', sku: 'DS-PMS-BLK-S', imageUrl: img('ds-pleated-skirt') },
  sandals: { name: 'Leather Slide Sandals', price: 1490, currency: 'THB', sku: 'DS-LSS-TAN-38', imageUrl: img('ds-slide-sandals') },
  cardigan: { name: 'Ribbed Knit Cardigan', price: 1190, currency: 'THB', sku: 'DS-RKC-OAT-M', imageUrl: img('ds-knit-cardigan') },
  hat: { name: 'Straw Bucket Hat', price: 450, currency: 'THB', sku: 'DS-SBH-NAT', imageUrl: img('ds-bucket-hat') },
  trousers: { name: 'Wide-leg Trousers', price: 1350, currency: 'THB', sku: 'DS-WLT-NVY-M', imageUrl: img('ds-wide-trousers') },
} satisfies Record<string, Product>;

export const WELCOME_MENU =
  'Welcome to Demo Shop 👋 How can we help today?\n1️⃣ Track my order\n2️⃣ Sizes & stock\n3️⃣ Returns & exchanges\n4️⃣ Talk to our team';

export const HANDOFF_BOT = 'Sure! I’m passing you to our team now. Someone will reply in a few minutes 🙏';

export const customer = (at: number, text: string): ScriptMessage => ({ at, from: 'customer', kind: 'text', body: text });

export const customerImage = (at: number, seed: string, caption: string | null = null): ScriptMessage => ({
  at,
  from: 'customer',
  kind: 'image',
  body: caption,
  attachments: [{ kind: 'image', url: demoImage(seed), mimeType: 'image/jpeg' }],
});

export const customerLocation = (
  at: number,
  place: { latitude: number; longitude: number; name: string; address: string },
): ScriptMessage => ({ at, from: 'customer', kind: 'location', body: null, payload: place });

export const bot = (at: number, text: string, status: DeliveryStatus = 'read'): ScriptMessage => ({
  at,
  from: 'bot',
  kind: 'text',
  body: text,
  status,
});

export const agent = (who: StaffKey, at: number, text: string, status: DeliveryStatus = 'read'): ScriptMessage => ({
  at,
  from: who,
  kind: 'text',
  body: text,
  status,
});

export const failed = (who: StaffKey, at: number, text: string, error: string): ScriptMessage => ({
  at,
  from: who,
  kind: 'text',
  body: text,
  status: 'failed',
  error,
});

export const product = (who: StaffKey, at: number, p: Product, status: DeliveryStatus = 'read'): ScriptMessage => ({
  at,
  from: who,
  kind: 'product',
  body: null,
  payload: { ...p },
  status,
});

export const note = (who: StaffKey, at: number, text: string): ScriptMessage => ({
  at,
  from: who,
  kind: 'note',
  body: text,
  internal: true,
});

const statusLine = (at: number, body: string, event: StatusEvent, payload?: Record<string, unknown>): ScriptMessage => ({
  at,
  from: 'system',
  kind: 'status',
  body,
  internal: true,
  event,
  ...(payload ? { payload } : {}),
});

const teamOrStaffName = (to: StaffKey | TeamKey) =>
  to in DEMO_TEAMS ? DEMO_TEAMS[to as TeamKey].name : DEMO_STAFF[to as StaffKey].name;

// Recorded as the bot runtime records a hand-off (lib/flows/runtime.ts), so the demo's
// history feeds what reads it, e.g. the expected wait a hand-off message quotes.
export const askedForAgent = (at: number) => statusLine(at, 'Customer asked for an agent', { type: 'handoff' }, { reason: 'customer_asked' });
export const botHandedOver = (at: number, reason: string) =>
  statusLine(at, `Bot handed over: ${reason}`, { type: 'handoff' }, { reason: 'flow' });
export const tookOver = (who: StaffKey, at: number) =>
  statusLine(at, `${DEMO_STAFF[who].name} took over`, { type: 'takeover', by: who });
export const assigned = (by: StaffKey, to: StaffKey | TeamKey, at: number) =>
  statusLine(at, `Assigned to ${teamOrStaffName(to)} by ${DEMO_STAFF[by].name}`, { type: 'assign', by, to });
export const resolved = (who: StaffKey, at: number) =>
  statusLine(at, `Resolved by ${DEMO_STAFF[who].name}`, { type: 'resolve', by: who });

export const FB_WINDOW_ERROR = '(#10) This message is sent outside of allowed window.';
export const WA_WINDOW_ERROR =
  '131047: Re-engagement message. More than 24 hours have passed since the customer last replied to this number.';
