import nodemailer from 'nodemailer';
import { resolveOutsideHostAddress } from '@/lib/http/outside-fetch';
import type { SmtpSettings } from './settings';

// Sending one email through the shop's SMTP server with nodemailer. The server's name is
// resolved through the outside-address filter first and nodemailer connects to that very
// address (the name kept for TLS), so a name pointing at a private address is refused
// however it resolves at sending time.

export type OutgoingEmail = { to: string; subject: string; text: string; html: string };

/** The timeouts of one attempt: the job retries a failure later, so one attempt never hangs. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

export async function sendEmail(smtp: SmtpSettings, email: OutgoingEmail): Promise<{ messageId: string }> {
  const address = await resolveOutsideHostAddress(smtp.host, smtp.port);
  const transport = nodemailer.createTransport({
    host: address,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    // The certificate is checked against the name the shop gave, not the address connected to.
    servername: smtp.host,
    tls: { servername: smtp.host },
    auth: smtp.username ? { user: smtp.username, pass: smtp.password ?? '' } : undefined,
    ...TIMEOUTS,
  });
  try {
    const info = await transport.sendMail({
      from: { name: smtp.fromName, address: smtp.fromAddress },
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    return { messageId: info.messageId };
  } finally {
    transport.close();
  }
}
