import { NavLink } from '@/components/layout/nav-link';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';

const sections = [
  { path: '', label: 'General' },
  { path: '/channels', label: 'Channels' },
  { path: '/email', label: 'Email' },
  { path: '/members', label: 'Agents' },
  { path: '/teams', label: 'Teams' },
  { path: '/business-hours', label: 'Business hours' },
  { path: '/routing-rules', label: 'Routing rules' },
  { path: '/sla-rules', label: 'SLA rules' },
  { path: '/shortcuts', label: 'Message shortcuts' },
  { path: '/text-blocks', label: 'Text blocks' },
  { path: '/articles', label: 'Articles' },
  { path: '/templates', label: 'WhatsApp templates' },
  { path: '/customer-fields', label: 'Customer fields' },
  { path: '/flows', label: 'Flows' },
  { path: '/products', label: 'Products' },
  { path: '/collections', label: 'Collections' },
  { path: '/collection-points', label: 'Collection points' },
  { path: '/simulator', label: 'Customer simulator' },
];

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireWorkspaceRole(slug, 'admin');
  const base = `/w/${slug}/settings`;
  return (
    <div className="flex h-full flex-col md:flex-row">
      <nav aria-label="Settings" className="flex shrink-0 gap-1 overflow-x-auto border-b border-slate-200 bg-white p-2 md:w-56 md:flex-col md:border-b-0 md:border-r">
        {sections.map((s) => (
          <NavLink key={s.path} href={`${base}${s.path}`} exact={s.path === ''}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      <main className="min-h-0 flex-1 overflow-y-auto p-4 md:p-8">{children}</main>
    </div>
  );
}
