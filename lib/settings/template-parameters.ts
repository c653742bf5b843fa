// WhatsApp template bodies number their parameters {{1}}, {{2}} … as approved by Meta.

export type TemplateParameters = { count: number; problem: string | null };

const anyPlaceholder = /\{\{([^{}]*)\}\}/g;

/**
 * How many parameters a body takes: the highest {{n}} (the composer counts the same way,
 * lib/composer/templates.ts). The numbers must run from 1 without gaps, up to {{99}}, and
 * nothing else may sit inside {{ }}: Meta refuses such templates.
 */
export function templateParameters(body: string): TemplateParameters {
  const seen = new Set<number>();
  for (const match of body.matchAll(anyPlaceholder)) {
    const inner = match[1].trim();
    if (!/^[1-9]\d?$/.test(inner)) {
      return { count: 0, problem: `{{${inner}}} is not a parameter. Number them {{1}}, {{2}} … in order.` };
    }
    seen.add(Number(inner));
  }
  const count = seen.size === 0 ? 0 : Math.max(...seen);
  for (let n = 1; n <= count; n++) {
    if (!seen.has(n)) return { count, problem: `{{${n}}} is missing: number the parameters {{1}} to {{${count}}} without gaps.` };
  }
  return { count, problem: null };
}
