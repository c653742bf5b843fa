// Workspace settings the bot reads (workspaces.settings JSON):
//   handOffPhrases: string[]           "customer asks for a human" phrases
// (Business hours live in lib/business-hours.)

export const DEFAULT_HAND_OFF_PHRASES = ['agent', 'human', 'talk to someone', 'real person', 'customer service'];

export function handOffPhrases(settings: Record<string, unknown>): string[] {
  const value = settings.handOffPhrases;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return DEFAULT_HAND_OFF_PHRASES;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The text contains one of the phrases as whole words ("Talk to an agent please" ← "agent"). */
export function asksForHuman(text: string, phrases: string[]): boolean {
  const t = ` ${words(text)} `;
  if (t.trim() === '') return false;
  return phrases.some((p) => {
    const phrase = words(p);
    return phrase !== '' && t.includes(` ${phrase} `);
  });
}
