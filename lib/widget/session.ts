import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { verifyIdentityHash } from '@/channels/web';
import type { Db, Tx } from '@/db/client';
import { contactIdentities, contacts, conversations } from '@/db/schema';
import { findOrCreateContact, lockCustomer, type ResolvedContact } from '@/lib/ingest/contacts';
import { conversationChanged } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import type { WidgetChannel } from './context';
import { WidgetError } from './errors';
import { readWidgetSettings } from './settings-shape';
import { issueVisitorToken, readVisitorToken } from './tokens';
import type { WidgetSessionResponse } from './types';

export const identityInput = z.object({
  identifier: z.string().trim().min(1, 'identifier is required').max(200, 'identifier is at most 200 characters'),
  hash: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, 'hash must be the hex HMAC-SHA256 of the identifier (64 characters)'),
  name: z.string().trim().min(1).max(120, 'name is at most 120 characters').optional(),
  email: z.email('email is not a valid address').max(200).optional(),
});

export const sessionInput = z.object({ identity: identityInput.optional() });

export type SessionInput = z.infer<typeof sessionInput>;

/** Random, unguessable, and in the demo's `v_…` shape. */
export function newVisitorId(): string {
  return `v_${randomBytes(16).toString('hex')}`;
}

type IdentityProfile = { verified?: boolean; identifier?: string; verifiedAt?: string } & Record<string, unknown>;

/**
 * Creates or resumes a visitor. A valid token of this channel resumes its visitor (recreated
 * if an admin deleted the contact); anything else starts a new anonymous visitor. With an
 * identity whose hash is HMAC-SHA256(channel hmac token, identifier), the visitor is marked
 * verified and its contact gets the name and email; a verified identifier seen before on
 * this channel resumes that visitor instead, so the history follows the shop's customer.
 */
// Long: the ways a visitor session starts (resumed, identified before, identified, new), in the order they are tried.
export async function startSession(
  db: Db,
  channel: WidgetChannel,
  input: { token: string | null; identity?: SessionInput['identity'] },
): Promise<WidgetSessionResponse> {
  const { identity } = input;
  if (identity) {
    const hmacToken = channel.credentials.hmacToken;
    if (!hmacToken) {
      throw new WidgetError(403, 'identity_not_configured', 'Identity verification is not set up for this chat.');
    }
    if (!verifyIdentityHash(identity.identifier, identity.hash, hmacToken)) {
      throw new WidgetError(
        403,
        'identity_mismatch',
        'The identity hash does not match the identifier. Compute it on your server as hex HMAC-SHA256(key = the chat\u2019s identity secret, message = identifier).',
      );
    }
  }

  const channelId = channel.channel.id;
  const workspaceId = channel.channel.workspaceId;
  const tokenVisitorId = readVisitorToken(input.token, channelId);

  const result = await db.transaction(async (tx) => {
    // The identifier lock comes first, always: two devices logging in as one customer at
    // once end up as one visitor.
    if (identity) await lockCustomer(tx, channelId, `identifier:${identity.identifier}`);

    const events: RealtimeEvent[] = [];
    const known = identity ? await findVerifiedVisitor(tx, channel, identity.identifier) : null;
    let visitorId: string;
    let created = false;
    let resolved: ResolvedContact;

    if (known) {
      // The shop's customer was here before (maybe on another device): continue that chat.
      visitorId = known.visitorId;
      resolved = { contactId: known.contactId, identityId: known.identityId, created: false };
    } else {
      visitorId = tokenVisitorId ?? newVisitorId();
      await lockCustomer(tx, channelId, visitorId);
      resolved = await findOrCreateContact(tx, {
        workspaceId,
        channelId,
        channelKind: 'web',
        sender: { externalId: visitorId, ...(identity?.name && !tokenVisitorId ? { name: identity.name } : {}) },
      });
      created = resolved.created;
      if (identity && (await identityProfile(tx, resolved.identityId)).verified) {
        // This browser belonged to another signed-in customer: never hand over their history.
        visitorId = newVisitorId();
        await lockCustomer(tx, channelId, visitorId);
        resolved = await findOrCreateContact(tx, {
          workspaceId,
          channelId,
          channelKind: 'web',
          sender: { externalId: visitorId, ...(identity.name ? { name: identity.name } : {}) },
        });
        created = true;
      }
    }
    if (identity) {
      await markVerified(tx, resolved.identityId, identity.identifier);
      events.push(...(await updateContactDetails(tx, workspaceId, channelId, resolved.contactId, identity)));
    }

    const [contact] = await tx
      .select({ name: contacts.name, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.id, resolved.contactId), eq(contacts.workspaceId, workspaceId)));
    const profile = await identityProfile(tx, resolved.identityId);
    return {
      events,
      response: {
        visitorToken: issueVisitorToken(channelId, visitorId),
        ...(readWidgetSettings(channel.channel.settings).recordings ? { recordingToken: issueVisitorToken(channelId, visitorId, 'recording') } : {}),
        visitor: { identityId: resolved.identityId, name: contact.name, email: contact.email, verified: Boolean(profile.verified) },
        created,
      } satisfies WidgetSessionResponse,
    };
  });
  await publish(result.events);
  return result.response;
}

async function findVerifiedVisitor(tx: Tx, channel: WidgetChannel, identifier: string) {
  const [row] = await tx
    .select({ identityId: contactIdentities.id, contactId: contactIdentities.contactId, visitorId: contactIdentities.externalId })
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.channelId, channel.channel.id),
        eq(contactIdentities.workspaceId, channel.channel.workspaceId),
        sql`${contactIdentities.profile}->>'identifier' = ${identifier}`,
        sql`${contactIdentities.profile}->>'verified' = 'true'`,
      ),
    )
    .limit(1);
  return row ?? null;
}

async function identityProfile(tx: Tx, identityId: string): Promise<IdentityProfile> {
  const [row] = await tx.select({ profile: contactIdentities.profile }).from(contactIdentities).where(eq(contactIdentities.id, identityId));
  return (row?.profile ?? {}) as IdentityProfile;
}

async function markVerified(tx: Tx, identityId: string, identifier: string) {
  await tx
    .update(contactIdentities)
    .set({
      profile: sql`${contactIdentities.profile} || ${JSON.stringify({ verified: true, identifier, verifiedAt: new Date().toISOString() })}::jsonb`,
    })
    .where(eq(contactIdentities.id, identityId));
}

/** Name and email from a verified identity; the open conversation's row is refreshed in every inbox. */
async function updateContactDetails(
  tx: Tx,
  workspaceId: string,
  channelId: string,
  contactId: string,
  identity: NonNullable<SessionInput['identity']>,
): Promise<RealtimeEvent[]> {
  if (!identity.name && !identity.email) return [];
  await tx
    .update(contacts)
    .set({ ...(identity.name ? { name: identity.name } : {}), ...(identity.email ? { email: identity.email } : {}), updatedAt: new Date() })
    .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId)));
  const open = await tx
    .update(conversations)
    .set({ version: sql`${conversations.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(conversations.contactId, contactId),
        eq(conversations.channelId, channelId),
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.status, 'open'),
      ),
    )
    .returning();
  return open.map((c) => conversationChanged(c));
}
