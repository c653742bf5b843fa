import { and, asc, eq, gt, or } from 'drizzle-orm';
import { csvStream } from '@/lib/csv/stream';
import type { Db } from '@/db/client';
import { channels, contacts, flows, formSubmissions } from '@/db/schema';
import { writeCsv } from '@/lib/commerce/csv';
import { UserError } from '@/lib/errors';
import { readPreChatForm } from './definition';

// A channel's form results as CSV: a row per submission, a column per field of the form as
// it is now (answers to fields since removed go in "other_answers"). Read in keyset batches
// and written as each arrives; cells through the formula guard (writeCsv). The last column
// says which form: the pre-chat form, or a bot flow's "Show form" step (flow name and step id).

export const FORM_RESULTS_BATCH = 1_000;

type Batch = {
  id: string;
  createdAt: Date;
  contactId: string;
  customer: string;
  answers: { key: string; label: string; value: string }[];
  consentText: string | null;
  consentedAt: Date | null;
  formKind: string;
  flowName: string | null;
  flowStepId: string | null;
}[];

const formOf = (r: Batch[number]) => (r.formKind === 'flow' ? `flow "${r.flowName ?? 'deleted flow'}" step ${r.flowStepId ?? ''}`.trim() : r.formKind);

async function* rowsOf(db: Db, workspaceId: string, channelId: string, keys: string[]): AsyncGenerator<string> {
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const batch: Batch = await db
      .select({
        id: formSubmissions.id,
        createdAt: formSubmissions.createdAt,
        contactId: formSubmissions.contactId,
        customer: contacts.name,
        answers: formSubmissions.answers,
        consentText: formSubmissions.consentText,
        consentedAt: formSubmissions.consentedAt,
        formKind: formSubmissions.formKind,
        flowName: flows.name,
        flowStepId: formSubmissions.flowStepId,
      })
      .from(formSubmissions)
      .innerJoin(contacts, eq(contacts.id, formSubmissions.contactId))
      .leftJoin(flows, and(eq(flows.id, formSubmissions.flowId), eq(flows.workspaceId, formSubmissions.workspaceId)))
      .where(
        and(
          eq(formSubmissions.workspaceId, workspaceId),
          eq(formSubmissions.channelId, channelId),
          after ? or(gt(formSubmissions.createdAt, after.createdAt), and(eq(formSubmissions.createdAt, after.createdAt), gt(formSubmissions.id, after.id))) : undefined,
        ),
      )
      .orderBy(asc(formSubmissions.createdAt), asc(formSubmissions.id))
      .limit(FORM_RESULTS_BATCH);
    if (batch.length === 0) return;
    yield writeCsv(
      batch.map((r) => {
        const byKey = new Map(r.answers.map((a) => [a.key, a.value]));
        const other = r.answers.filter((a) => !keys.includes(a.key)).map((a) => `${a.label}: ${a.value}`);
        return [r.id, r.createdAt.toISOString(), r.contactId, r.customer, ...keys.map((k) => byKey.get(k) ?? ''), other.join('; '), r.consentText ?? '', r.consentedAt?.toISOString() ?? '', formOf(r)];
      }),
    );
    const last = batch[batch.length - 1];
    after = { createdAt: last.createdAt, id: last.id };
    if (batch.length < FORM_RESULTS_BATCH) return;
  }
}

/** The CSV of a web channel's form results as a pulled byte stream, and a file name. */
export async function formResultsCsv(db: Db, workspaceId: string, channelId: string): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const [channel] = await db
    .select({ name: channels.name, settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId), eq(channels.kind, 'web')))
    .limit(1);
  if (!channel) throw new UserError('not_found', 'This website chat channel no longer exists.');
  const form = readPreChatForm(channel.settings);
  const fields = [
    ...(['name', 'email', 'phone'] as const).filter((k) => form[k] !== 'off').map((k) => ({ key: k, label: k })),
    ...form.customFields.map((f) => ({ key: f.key, label: f.key })),
  ];
  const header = writeCsv([['submission_id', 'submitted_at', 'customer_id', 'customer', ...fields.map((f) => f.label), 'other_answers', 'consent_text', 'consented_at', 'form']], { bom: true });
  async function* withHeader() {
    yield header;
    yield* rowsOf(db, workspaceId, channelId, fields.map((f) => f.key));
  }
  const body = csvStream(withHeader());
  return { filename: `form-results-${channel.name}.csv`.replace(/[^\w.-]/g, '_'), body };
}
