import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, flows, formSubmissions } from '@/db/schema';

export type FormResult = {
  id: string;
  channelName: string;
  formKind: string;
  /** A flow's form: the flow's name (null once the flow is deleted). */
  flowName: string | null;
  createdAt: string;
  answers: { key: string; label: string; value: string }[];
  consentText: string | null;
};

/** A customer's answered forms, newest first, for the customer panel's "Form results". */
export async function listFormResults(db: DbOrTx, workspaceId: string, contactId: string, limit = 20): Promise<FormResult[]> {
  const rows = await db
    .select({
      id: formSubmissions.id,
      channelName: channels.name,
      formKind: formSubmissions.formKind,
      flowName: flows.name,
      createdAt: formSubmissions.createdAt,
      answers: formSubmissions.answers,
      consentText: formSubmissions.consentText,
    })
    .from(formSubmissions)
    .innerJoin(channels, eq(channels.id, formSubmissions.channelId))
    .leftJoin(flows, and(eq(flows.id, formSubmissions.flowId), eq(flows.workspaceId, formSubmissions.workspaceId)))
    .where(and(eq(formSubmissions.workspaceId, workspaceId), eq(formSubmissions.contactId, contactId)))
    .orderBy(desc(formSubmissions.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
