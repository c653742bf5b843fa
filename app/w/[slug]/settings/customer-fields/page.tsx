import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { EmptyState } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listCustomerFields } from '@/lib/settings/inbox-config';
import { CustomerFieldForm, CustomerFieldItem } from '@/components/settings/customer-fields/customer-field-editor';

export const metadata: Metadata = { title: 'Customer fields' };

export default async function CustomerFieldsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const rows = await listCustomerFields(getDb(), ctx);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Customer fields</h1>
      <p className="mt-1 text-sm text-slate-600">
        The additional information agents fill in for each customer in the inbox&apos;s customer panel, in this order. Values are checked by type and stored in the
        customer&apos;s custom data under the field&apos;s key.
      </p>
      {rows.length === 0 ? (
        <EmptyState>No customer fields yet. Add the details your team asks for, like city, size or birthday.</EmptyState>
      ) : (
        <ol aria-label="Customer fields" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((row, i) => (
            <CustomerFieldItem key={row.id} workspaceId={ctx.workspaceId} item={row} first={i === 0} last={i === rows.length - 1} />
          ))}
        </ol>
      )}
      <h2 className="mt-10 text-lg font-semibold">Add a field</h2>
      <CustomerFieldForm workspaceId={ctx.workspaceId} />
    </section>
  );
}
