// Variables an agent can put in shortcuts and text blocks; filled when inserted into the
// composer, so the agent sees (and can still edit) the exact text before sending.

export const COMPOSER_VARIABLES = ['customer.name', 'customer.first_name', 'agent.name', 'shop.name'] as const;
export type ComposerVariableName = (typeof COMPOSER_VARIABLES)[number];

export type ComposerVariables = Record<ComposerVariableName, string>;

/** "Kerry Ann Smith" → "Kerry"; an empty or blank name stays empty. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

export function composerVariables(input: { customerName: string; agentName: string; shopName: string }): ComposerVariables {
  return {
    'customer.name': input.customerName.trim(),
    'customer.first_name': firstName(input.customerName),
    'agent.name': input.agentName.trim(),
    'shop.name': input.shopName.trim(),
  };
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+(?:\.[A-Za-z_]+)*)\s*\}\}/g;

/**
 * Replaces `{{customer.name}}`, `{{ agent.name }}` … with their values. Names are matched
 * case-insensitively; unknown ones stay as written, so a typo is visible rather than
 * silently dropped. The values are inserted as plain text (never re-scanned), so a
 * customer named "{{agent.name}}" cannot expand into anything.
 */
export function fillVariables(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (match, name: string) => {
    const value = values[name.toLowerCase()];
    return typeof value === 'string' ? value : match;
  });
}

/** The variable names a text uses (lowercased, unique, in order of first use). */
export function usedVariables(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) seen.add(m[1].toLowerCase());
  return [...seen];
}
