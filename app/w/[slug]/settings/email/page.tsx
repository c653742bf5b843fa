import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getMailSettings } from '@/lib/mail/settings';
import { MailSettingsForm } from '@/components/settings/email/mail-settings-form';
import { TestEmailForm } from '@/components/settings/email/test-email-form';

export const metadata: Metadata = { title: 'Email' };

export default async function EmailSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const settings = await getMailSettings(getDb(), ctx);
  return (
    <section className="max-w-2xl">
      <h1 className="text-xl font-semibold">Email</h1>
      <p className="mt-1 text-sm text-slate-600">
        Your shop&apos;s own mail server (SMTP), through which Baton sends email in your shop&apos;s name, such as a website chat&apos;s transcript that a
        visitor asks for. The password is stored encrypted and is never shown again.
      </p>
      <MailSettingsForm workspaceId={ctx.workspaceId} settings={settings} />
      <h2 id="test-email-heading" className="mt-10 text-lg font-semibold">Send a test email</h2>
      <p className="mt-1 text-sm text-slate-600">Sends a short email through the saved settings, so you know they work before a visitor needs them.</p>
      <TestEmailForm workspaceId={ctx.workspaceId} defaultTo={ctx.actor.email} configured={Boolean(settings)} />
    </section>
  );
}
