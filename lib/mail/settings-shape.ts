import type { SmtpSecurity } from '@/db/schema/mail';

// The shop's SMTP settings as the settings page sees them: everything but the password,
// of which only whether one is set. Client-safe (no zod, no database): the form's input and
// the host's address check are in settings.ts.

export const SMTP_SECURITY_MODES = ['tls', 'starttls', 'none'] as const satisfies readonly SmtpSecurity[];

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
