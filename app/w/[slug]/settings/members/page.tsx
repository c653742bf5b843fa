import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { Avatar } from '@/components/ui/avatar';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listMembers } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Agents' };

export default async function MembersSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const rows = await listMembers(getDb(), ctx);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Agents</h1>
      <div className="mt-6 overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Name</th>
              <th scope="col" className="px-4 py-2 font-medium">Role</th>
              <th scope="col" className="px-4 py-2 font-medium">Availability</th>
              <th scope="col" className="px-4 py-2 font-medium">Capacity</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((m) => (
              <tr key={m.userId}>
                <td className="px-4 py-2">
                  <div className="flex items-center gap-2">
                    <Avatar name={m.name} size={28} />
                    <div>
                      <p className="font-medium">{m.name}</p>
                      <p className="text-xs text-slate-500">{m.email}</p>
                    </div>
                  </div>
                </td>
                <td className="px-4 py-2 capitalize">{m.role}</td>
                <td className="px-4 py-2 capitalize">{m.availability}</td>
                <td className="px-4 py-2">{m.capacity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
