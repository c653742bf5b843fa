import { z } from 'zod';
import { smtpSecurityModes, type SmtpSecurity } from '@/db/schema/mail';

// The shop's SMTP settings as the settings page sees them: everything but the password,
// of which only whether one is set. The zod input is the form's; the host's address check
// (which needs the server's allow-list) is added in settings.ts.

export type MailSettingsView = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  /** Whether a password is stored: the password itself never reaches the browser. */
  passwordSet: boolean;
  fromAddress: string;
};

export const SMTP_SECURITY_LABELS: Record<SmtpSecurity, string> = {
  tls: 'TLS (implicit, usually port 465)',
  starttls: 'STARTTLS (usually port 587)',
  none: 'None (unencrypted, local relays only)',
};

// A DNS name (letters, digits, hyphens, dots) or an IP literal: no scheme, path or port.
const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV6_LITERAL = /^\[?[0-9A-Fa-f:.]+\]?$/;

export function looksLikeHost(value: string): boolean {
  if (value.includes(':')) return IPV6_LITERAL.test(value);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return true;
  // A name's last label has a letter: all-digit names ("2130706433") are addresses in disguise.
  const last = value.replace(/\.$/, '').split('.').pop() ?? '';
  return HOST_NAME.test(value) && /[A-Za-z]/.test(last);
}

/** A form's checkbox: "on" when ticked, absent when not; JSON callers send booleans. */
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

export const mailSettingsShape = z.object({
  host: z
    .string('Enter the SMTP server’s host name')
    .trim()
    .toLowerCase()
    .min(1, 'Enter the SMTP server’s host name')
    .max(253, 'Keep the host name under 253 characters')
    .refine(looksLikeHost, 'Enter a host name like smtp.example.com, without https:// or a port'),
  port: z.coerce
    .number('Enter the port, like 587')
    .int('The port is a whole number, like 587')
    .min(1, 'Choose a port from 1 to 65535')
    .max(65535, 'Choose a port from 1 to 65535'),
  security: z.enum(smtpSecurityModes, 'Choose TLS, STARTTLS or none'),
  username: z.string().trim().max(200, 'Keep the user name under 200 characters').optional().transform((v) => v ?? ''),
  /** Empty keeps the stored password; text replaces it. */
  password: z.string().max(500, 'Keep the password under 500 characters').optional().transform((v) => v ?? ''),
  /** Ticked: the stored password is removed. */
  clearPassword: checkbox,
  fromAddress: z
    .string('Enter the sender’s address, like help@yourshop.com')
    .trim()
    .toLowerCase()
    .pipe(z.email('Enter the sender’s address, like help@yourshop.com').max(254, 'Keep the address under 254 characters')),
});

export type MailSettingsShapeInput = z.infer<typeof mailSettingsShape>;
