import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { OutsideUrlRefused } from '@/lib/http/outside-fetch';
import { escapeHtml } from './transcript';
import { loadSmtpSettings } from './settings';
import { sendEmail } from './transport';

// "Send test email": the saved SMTP settings, tried at once while the admin waits, so a
// wrong password or port is told on the settings page rather than by a visitor's missing
// transcript. The server's own answer is shown: it is the shop's server talking to its admin.

export const sendTestEmailInput = z.object({
  to: z.string('Enter the address to send the test to').trim().toLowerCase().pipe(z.email('Enter the address to send the test to, like you@yourshop.com').max(254, 'Keep the address under 254 characters')),
});

function reasonOf(error: unknown): string {
  if (error instanceof OutsideUrlRefused) return `Baton does not connect to private or local addresses (${error.message})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 300);
}

export async function sendTestEmail(db: Db, ctx: ActorContext, input: z.infer<typeof sendTestEmailInput>): Promise<{ to: string }> {
  const smtp = await loadSmtpSettings(db, ctx.workspaceId);
  if (!smtp) throw new UserError('invalid', 'Save the email settings first, then send a test.');
  const text = `This is a test email from Baton for ${smtp.fromName}, sent by ${ctx.actor.name}.\nYour email settings work: transcripts will be sent from ${smtp.fromAddress}.\n`;
  try {
    await sendEmail(smtp, {
      to: input.to,
      subject: `Test email from ${smtp.fromName}`,
      text,
      html: `<!doctype html><html><body><p>${escapeHtml(text).replace(/\n/g, '<br>')}</p></body></html>`,
    });
  } catch (error) {
    throw new UserError('invalid', `The test email could not be sent: ${reasonOf(error)}`);
  }
  await writeAudit(db, ctx, 'workspace.mail_test_sent', { type: 'workspace', id: ctx.workspaceId }, { to: input.to });
  return { to: input.to };
}
