import type { CustomerFieldView } from '@/lib/settings/customer-fields/view';

export type FieldCheck = { ok: true; value: string | null } | { ok: false; error: string };

export const FIELD_TEXT_MAX = 500;

const ok = (value: string | null): FieldCheck => ({ ok: true, value });
const bad = (error: string): FieldCheck => ({ ok: false, error });

function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1000 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A web link, with https:// added when the agent typed only "instagram.com/name". */
export function normalizeLink(raw: string): string | null {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw.replace(/^\/+/, '')}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/**
 * Checks and normalises one value for its field's type. The stored form is a string
 * (custom data is string → string); an empty value means "not set" and is removed.
 */
export function checkFieldValue(field: Pick<CustomerFieldView, 'label' | 'type' | 'options' | 'required'>, raw: unknown): FieldCheck {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'boolean' || typeof raw === 'number' ? String(raw) : '';
  const result = ((): FieldCheck => {
    if (field.type === 'checkbox') {
      if (['true', 'on', '1', 'yes'].includes(text.toLowerCase())) return ok('true');
      if (['', 'false', 'off', '0', 'no'].includes(text.toLowerCase())) return ok(null);
      return bad(`${field.label}: tick or untick the box`);
    }
    if (text === '') return ok(null);
    switch (field.type) {
      case 'text':
        return text.length > FIELD_TEXT_MAX ? bad(`Keep ${field.label} under ${FIELD_TEXT_MAX} characters`) : ok(text);
      case 'number': {
        if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(text) || text.length > 30) return bad(`${field.label} must be a number, e.g. 42 or 3.5`);
        return ok(String(Number(text)));
      }
      case 'date':
        return isRealDate(text) ? ok(text) : bad(`${field.label} must be a date (YYYY-MM-DD)`);
      case 'list': {
        const match = field.options.find((o) => o.toLowerCase() === text.toLowerCase());
        return match ? ok(match) : bad(`${field.label} must be one of: ${field.options.join(', ')}`);
      }
      case 'link': {
        if (text.length > FIELD_TEXT_MAX) return bad(`Keep ${field.label} under ${FIELD_TEXT_MAX} characters`);
        const link = normalizeLink(text);
        return link ? ok(link) : bad(`${field.label} must be a web link, e.g. https://instagram.com/name`);
      }
    }
  })();
  if (result.ok && result.value === null && field.required) {
    return bad(field.type === 'checkbox' ? `${field.label} must be ticked` : `${field.label} is required`);
  }
  return result;
}
