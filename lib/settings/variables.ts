import { COMPOSER_VARIABLES, usedVariables } from '@/lib/composer/variables';

// Shortcuts and text blocks may use the variables the composer fills when the agent
// inserts them (lib/composer/variables.ts is the one list); anything else in {{ }} is
// refused when the admin saves, so a typo never reaches a customer.

const descriptions: Record<string, string> = {
  'customer.name': 'the customer’s full name',
  'customer.first_name': 'the customer’s first name',
  'agent.name': 'the agent’s name',
  'shop.name': 'the shop’s name',
};

export const messageVariables = COMPOSER_VARIABLES.map((name) => ({ name, description: descriptions[name] ?? name }));

const known = new Set<string>(COMPOSER_VARIABLES);
const anyPlaceholder = /\{\{([^{}]*)\}\}/g;

/** What sits inside `{{…}}` but is not a variable, in order of appearance, without repeats. */
export function unknownVariables(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(anyPlaceholder)) {
    const inner = match[1].trim();
    const [name] = usedVariables(`{{${inner}}}`);
    if ((name === undefined || !known.has(name)) && !out.includes(inner)) out.push(inner);
  }
  return out;
}

/** A form message for the first unknown variable, or null when all are known. */
export function variablesProblem(text: string): string | null {
  const [first] = unknownVariables(text);
  if (first === undefined) return null;
  return `{{${first}}} is not a variable. Use ${COMPOSER_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`;
}
