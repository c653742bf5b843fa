import { formatInZone } from '@/lib/time/format';

// A conversation's transcript as an email: a plain-text part and a simple HTML part in
// which every piece of text from the chat is escaped (nothing the visitor or an agent
// wrote becomes markup). Pure, so its shape is tested without a server.

export type TranscriptLine = { at: Date; author: string; text: string };

export type TranscriptEmail = { subject: string; text: string; html: string };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function formatTranscript(input: { shopName: string; timeZone: string; lines: TranscriptLine[]; now?: Date }): TranscriptEmail {
  const { shopName, timeZone, lines } = input;
  const when = (d: Date) => formatInZone(d, timeZone, 'datetime');
  const zone = `Times are in ${timeZone}.`;
  const subject = `Your conversation with ${shopName}`;
  const intro = `Here is your conversation with ${shopName}.`;

  const text = [
    intro,
    zone,
    '',
    ...lines.flatMap((l) => [`[${when(l.at)}] ${l.author}:`, ...l.text.split('\n').map((t) => `  ${t}`), '']),
    `— ${shopName}`,
    '',
  ].join('\n');

  const rows = lines
    .map(
      (l) =>
        `<tr><td style="padding:8px 0;border-bottom:1px solid #e2e8f0"><div style="color:#64748b;font-size:12px">${escapeHtml(when(l.at))} · <strong style="color:#0f172a">${escapeHtml(l.author)}</strong></div>` +
        `<div style="white-space:pre-wrap;font-size:14px;color:#0f172a">${escapeHtml(l.text)}</div></td></tr>`,
    )
    .join('');
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;padding:16px;background:#ffffff">` +
    `<p style="font-size:14px;color:#0f172a">${escapeHtml(intro)}</p><p style="font-size:12px;color:#64748b">${escapeHtml(zone)}</p>` +
    `<table role="presentation" style="width:100%;max-width:640px;border-collapse:collapse">${rows}</table>` +
    `<p style="font-size:12px;color:#64748b">— ${escapeHtml(shopName)}</p></body></html>`;

  return { subject, text, html };
}
