import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const secret = (label: string) => z.string().trim().min(8, `Enter the ${label}`).max(1000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Apple Business Register shows the secret passphrase as base64; its decoded bytes sign the JWTs. */
const appleSecret = secret('secret passphrase').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The secret passphrase is base64, as Apple Business Register shows it');
const mspId = z.string().trim().regex(UUID, 'The MSP ID is a UUID (Apple Business Register → your provider account)');

// What an admin enters once to connect each kind of channel. Stored encrypted; only
// `externalId` (the platform's account id) and public settings are ever shown again.
export const connectChannelInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('facebook'),
    name: z.string().trim().min(1, 'Name the channel').max(80),
    externalId: z.string().trim().regex(/^\d{5,30}$/, 'The Page ID is a number (Page settings → About)'),
    appSecret: secret('app secret'),
    pageAccessToken: secret('page access token'),
  }),
  z.object({
    kind: z.literal('instagram'),
    name: z.string().trim().min(1, 'Name the channel').max(80),
    externalId: z.string().trim().regex(/^\d{5,30}$/, 'The Instagram account ID is a number (Meta app → Instagram → API setup)'),
    appSecret: secret('app secret'),
    accessToken: secret('access token'),
  }),
  z.object({
    kind: z.literal('whatsapp'),
    name: z.string().trim().min(1, 'Name the channel').max(80),
    externalId: z.string().trim().regex(/^\d{5,30}$/, 'The phone number ID is a number (WhatsApp Manager → API setup)'),
    displayPhoneNumber: z.string().trim().max(30).optional(),
    appSecret: secret('app secret'),
    accessToken: secret('access token'),
  }),
  z.object({
    kind: z.literal('line'),
    name: z.string().trim().min(1, 'Name the channel').max(80),
    externalId: z.string().trim().regex(/^U[0-9a-f]{32}$/, "The bot's user ID starts with U followed by 32 hex characters"),
    channelSecret: secret('channel secret'),
    channelAccessToken: secret('channel access token'),
  }),
  z.object({
    kind: z.literal('x'),
    name: z.string().trim().min(1, 'Name the channel').max(80),
    externalId: z.string().trim().regex(/^\d{1,20}$/, "The account's user ID is a number (developer portal → your app → Keys and tokens)"),
    consumerKey: secret('API key (consumer key)'),
    consumerSecret: secret('API key secret (consumer secret)'),
    accessToken: secret('OAuth 2.0 user access token'),
  }),
  z.object({
    kind: z.literal('apple'),
    name: z.string().trim().min(1, 'Name the channel').max(80),
    externalId: z.string().trim().regex(UUID, 'The Business ID is a UUID (Apple Business Register → Messages for Business)'),
    mspId,
    secret: appleSecret,
  }),
  z.object({
    kind: z.literal('web'),
    name: z.string().trim().min(1, 'Name the channel').max(80),
  }),
]);

export type ConnectChannelInput = z.infer<typeof connectChannelInput>;

/** The secrets an admin enters per kind (the verify token is ours, made on connect). */
export const secretFieldsByKind = {
  facebook: ['appSecret', 'pageAccessToken'],
  instagram: ['appSecret', 'accessToken'],
  whatsapp: ['appSecret', 'accessToken'],
  line: ['channelSecret', 'channelAccessToken'],
  x: ['consumerKey', 'consumerSecret', 'accessToken'],
  apple: ['mspId', 'secret'],
  web: [],
} as const satisfies Record<ConnectChannelInput['kind'], readonly string[]>;

export type SecretField = (typeof secretFieldsByKind)[keyof typeof secretFieldsByKind][number];

/** A replacement secret: blank keeps the stored one. */
const replacement = (label: string) => z.union([z.literal(''), secret(label)]).optional().transform((v) => v || undefined);

/** Editing a channel: its name, and any secret to replace (the others stay as stored). */
export const editChannelInput = z.object({
  channelId: z.uuid(),
  name: z.string().trim().min(1, 'Name the channel').max(80),
  appSecret: replacement('app secret'),
  accessToken: replacement('access token'),
  pageAccessToken: replacement('page access token'),
  channelSecret: replacement('channel secret'),
  channelAccessToken: replacement('channel access token'),
  consumerKey: replacement('API key (consumer key)'),
  consumerSecret: replacement('API key secret (consumer secret)'),
  mspId: z.union([z.literal(''), mspId]).optional().transform((v) => v || undefined),
  secret: z.union([z.literal(''), appleSecret]).optional().transform((v) => v || undefined),
});

export type EditChannelInput = z.infer<typeof editChannelInput>;

export function newVerifyToken(): string {
  return `baton-${randomBytes(12).toString('hex')}`;
}

/** Splits the form into what is stored in the clear and what is encrypted. */
export function splitChannelInput(input: ConnectChannelInput): {
  externalId: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
} {
  switch (input.kind) {
    case 'facebook':
      return {
        externalId: input.externalId,
        settings: { pageId: input.externalId },
        secrets: { appSecret: input.appSecret, pageAccessToken: input.pageAccessToken, verifyToken: newVerifyToken() },
      };
    case 'instagram':
      return {
        externalId: input.externalId,
        settings: { instagramAccountId: input.externalId },
        secrets: { appSecret: input.appSecret, accessToken: input.accessToken, verifyToken: newVerifyToken() },
      };
    case 'whatsapp':
      return {
        externalId: input.externalId,
        settings: { phoneNumberId: input.externalId, displayPhoneNumber: input.displayPhoneNumber },
        secrets: { appSecret: input.appSecret, accessToken: input.accessToken, verifyToken: newVerifyToken() },
      };
    case 'line':
      return {
        externalId: input.externalId,
        settings: { botUserId: input.externalId },
        secrets: { channelSecret: input.channelSecret, channelAccessToken: input.channelAccessToken },
      };
    case 'x':
      return {
        externalId: input.externalId,
        settings: { xUserId: input.externalId },
        // The consumer secret answers X's CRC challenge and checks its signatures: no verify token.
        secrets: { consumerKey: input.consumerKey, consumerSecret: input.consumerSecret, accessToken: input.accessToken },
      };
    case 'apple':
      return {
        externalId: input.externalId,
        settings: { appleBusinessId: input.externalId },
        // The secret checks Apple's inbound JWTs and signs ours: no verify token.
        secrets: { mspId: input.mspId, secret: input.secret },
      };
    case 'web':
      return {
        externalId: randomBytes(18).toString('base64url'),
        settings: { color: '#2f6fed', greeting: 'Hi! How can we help?', allowedOrigins: [] },
        secrets: { hmacToken: randomBytes(32).toString('hex') },
      };
  }
}
