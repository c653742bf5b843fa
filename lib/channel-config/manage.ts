import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { channels, inboundEvents, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { getConfig } from '@/lib/config';
import { decryptJson, encryptJson } from '@/lib/crypto/secrets';
import { UserError } from '@/lib/errors';
import { dispatchDelivery } from '@/lib/ingest/dispatch';
import {
  connectChannelInput,
  editChannelInput,
  newVerifyToken,
  secretFieldsByKind,
  splitChannelInput,
  type ConnectChannelInput,
  type EditChannelInput,
} from './credentials';

export { connectChannelInput, editChannelInput };

/** Admins connect a channel; its credentials are encrypted and never shown again. */
export async function connectChannel(db: Db, ctx: ActorContext, input: ConnectChannelInput) {
  const { externalId, settings, secrets } = splitChannelInput(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(channels)
      .values({
        workspaceId: ctx.workspaceId,
        kind: input.kind,
        name: input.name,
        externalId,
        settings,
        secretsEncrypted: encryptJson(secrets, getConfig().BATON_ENCRYPTION_KEY),
      })
      .onConflictDoNothing()
      .returning({ id: channels.id, kind: channels.kind, name: channels.name });
    if (!row) throw new UserError('conflict', 'This account is already connected to Baton.');
    await writeAudit(tx, ctx, 'channel.connected', { type: 'channel', id: row.id }, { kind: input.kind, name: input.name });
    return row;
  });
}

export const channelIdInput = z.object({ channelId: z.uuid() });

const META_KINDS = new Set(['facebook', 'instagram', 'whatsapp']);

/**
 * Renames a channel and replaces the secrets the admin typed again (blank ones stay). A
 * disconnected channel needs all of them back; Meta channels get a new verify token then.
 */
export async function editChannel(db: Db, ctx: ActorContext, input: EditChannelInput) {
  const row = await ownChannel(db, ctx, input.channelId);
  const key = getConfig().BATON_ENCRYPTION_KEY;
  const stored = row.secretsEncrypted ? decryptJson<Record<string, string>>(row.secretsEncrypted, key) : {};
  const secrets: Record<string, string> = { ...stored };
  const fields: readonly string[] = secretFieldsByKind[row.kind];
  const replaced: string[] = [];
  for (const field of fields) {
    const value = input[field as keyof EditChannelInput];
    if (typeof value === 'string') {
      secrets[field] = value;
      replaced.push(field);
    }
  }
  const missing = fields.filter((f) => !secrets[f]);
  if (missing.length) throw new UserError('invalid', 'This channel is disconnected: enter all its secrets to connect it again.');
  if (META_KINDS.has(row.kind) && !secrets.verifyToken) secrets.verifyToken = newVerifyToken();
  const settings = { ...row.settings };
  delete settings.disconnectedAt;
  // New secrets may be the fix for a token the platform refused.
  if (replaced.length) delete settings.authError;
  await db.transaction(async (tx) => {
    await tx
      .update(channels)
      .set({ name: input.name, settings, ...(replaced.length || !row.secretsEncrypted ? { secretsEncrypted: encryptJson(secrets, key) } : {}) })
      .where(and(eq(channels.id, row.id), eq(channels.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'channel.updated', { type: 'channel', id: row.id }, { name: input.name, replaced });
  });
  return { id: row.id, name: input.name };
}

/**
 * Disconnects a platform channel: its secrets are forgotten and it stops receiving and
 * sending; its conversations and history stay. Entering the secrets again reconnects it.
 */
export async function disconnectChannel(db: Db, ctx: ActorContext, input: z.infer<typeof channelIdInput>) {
  const row = await ownChannel(db, ctx, input.channelId);
  if (row.kind === 'web') throw new UserError('invalid', 'The website chat cannot be disconnected; disable it instead.');
  await db.transaction(async (tx) => {
    await tx
      .update(channels)
      .set({ enabled: false, secretsEncrypted: null, settings: { ...row.settings, disconnectedAt: new Date().toISOString() } })
      .where(and(eq(channels.id, row.id), eq(channels.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'channel.disconnected', { type: 'channel', id: row.id }, { kind: row.kind, name: row.name });
  });
  return { id: row.id };
}
export const setEnabledInput = channelIdInput.extend({ enabled: z.enum(['true', 'false']).transform((v) => v === 'true') });

async function ownChannel(db: Db, ctx: ActorContext, channelId: string) {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This channel does not exist.');
  return row;
}

export async function setChannelEnabled(db: Db, ctx: ActorContext, input: z.infer<typeof setEnabledInput>) {
  await ownChannel(db, ctx, input.channelId);
  await db.transaction(async (tx) => {
    await tx
      .update(channels)
      .set({ enabled: input.enabled })
      .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, input.enabled ? 'channel.enabled' : 'channel.disabled', { type: 'channel', id: input.channelId });
  });
  return { enabled: input.enabled };
}

/** What an admin sees of a channel: public settings, and the webhook verify token to paste. */
export async function getChannelDetails(db: Db, ctx: ActorContext, channelId: string) {
  const row = await ownChannel(db, ctx, channelId);
  const secrets = row.secretsEncrypted ? decryptJson<Record<string, string>>(row.secretsEncrypted, getConfig().BATON_ENCRYPTION_KEY) : {};
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    externalId: row.externalId,
    settings: row.settings,
    verifyToken: secrets.verifyToken ?? null,
    hasCredentials: Object.keys(secrets).length > 0,
  };
}

/** Recent problems on a channel: deliveries that failed processing, and failed sends. */
export async function listChannelProblems(db: Db, ctx: ActorContext, channelId: string) {
  await ownChannel(db, ctx, channelId);
  const [events, sends] = await Promise.all([
    db
      .select({
        id: inboundEvents.id,
        status: inboundEvents.status,
        error: inboundEvents.error,
        attempts: inboundEvents.attempts,
        receivedAt: inboundEvents.receivedAt,
        nextAttemptAt: inboundEvents.nextAttemptAt,
        rawBody: inboundEvents.rawBody,
      })
      .from(inboundEvents)
      .where(
        and(
          eq(inboundEvents.channelId, channelId),
          eq(inboundEvents.workspaceId, ctx.workspaceId),
          inArray(inboundEvents.status, ['failed', 'malformed']),
        ),
      )
      .orderBy(desc(inboundEvents.receivedAt))
      .limit(20),
    db
      .select({ id: messages.id, conversationId: messages.conversationId, error: messages.error, createdAt: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.workspaceId, ctx.workspaceId), eq(messages.status, 'failed')))
      .orderBy(desc(messages.createdAt))
      .limit(20),
  ]);
  return { events: events.map((e) => ({ ...e, rawBody: e.rawBody.slice(0, 2000) })), sends };
}

export const retryEventInput = z.object({ eventId: z.uuid() });

/** An admin asks for a failed delivery to be processed again now. */
export async function retryInboundEvent(db: Db, ctx: ActorContext, input: z.infer<typeof retryEventInput>) {
  const [row] = await db
    .update(inboundEvents)
    .set({ status: 'failed', nextAttemptAt: new Date() })
    .where(and(eq(inboundEvents.id, input.eventId), eq(inboundEvents.workspaceId, ctx.workspaceId), eq(inboundEvents.status, 'failed')))
    .returning({ id: inboundEvents.id });
  if (!row) throw new UserError('conflict', 'This delivery is not waiting for a retry.');
  await dispatchDelivery(db, row.id);
  return { eventId: row.id };
}
