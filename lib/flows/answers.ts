// Reading a customer's answer: checked input (email, phone, number…) and which offered
// option a reply picks. Pure; the engine and the checkout use them.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function validateAnswer(
  input: 'text' | 'email' | 'phone' | 'number',
  raw: string,
  bounds: { min?: number; max?: number } = {},
): { ok: true; value: string } | { ok: false } {
  const text = raw.trim();
  if (!text) return { ok: false };
  switch (input) {
    case 'text':
      return text.length <= 1000 ? { ok: true, value: text } : { ok: false };
    case 'email':
      return EMAIL.test(text) && text.length <= 254 ? { ok: true, value: text.toLowerCase() } : { ok: false };
    case 'phone': {
      if (!/^\+?[\d\s().-]+$/.test(text)) return { ok: false };
      const digits = text.replace(/\D/g, '');
      if (digits.length < 6 || digits.length > 15) return { ok: false };
      return { ok: true, value: (text.startsWith('+') ? '+' : '') + digits };
    }
    case 'number': {
      const normalized = text.replace(/,/g, '');
      if (!/^-?\d+(\.\d+)?$/.test(normalized)) return { ok: false };
      const n = Number(normalized);
      if (bounds.min !== undefined && n < bounds.min) return { ok: false };
      if (bounds.max !== undefined && n > bounds.max) return { ok: false };
      return { ok: true, value: String(n) };
    }
  }
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Which option an answer picks: its payload, its title (loosely), or its number ("2"). */
export function matchOption<T extends { title: string; payload?: string }>(options: T[], input: { text: string; payload?: string }): T | null {
  if (input.payload) {
    const byPayload = options.find((o) => (o.payload ?? o.title) === input.payload);
    if (byPayload) return byPayload;
  }
  const text = norm(input.text);
  if (!text) return null;
  const byTitle = options.find((o) => norm(o.title) === text);
  if (byTitle) return byTitle;
  if (/^\d{1,2}$/.test(text)) {
    const index = Number(text) - 1;
    if (index >= 0 && index < options.length) return options[index];
  }
  return null;
}
