import type { ChannelKind } from '@/channels/types';
import type { FlowTriggers } from '@/db/schema/flows';

// Which flow a customer's message starts (pure). Priority: an exact payload, a payload
// prefix ("BUY:*", the rest becomes the `payloadArg` variable), a keyword, a pattern, and
// for a new conversation the welcome flow of its channel.

export type TriggerCandidate = { id: string; triggers: FlowTriggers };
export type TriggerMatch = { flowId: string; variables: Record<string, unknown>; via: 'payload' | 'keyword' | 'pattern' | 'welcome' };

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function matchTrigger(
  candidates: TriggerCandidate[],
  input: { text: string; payload?: string; channel: ChannelKind; newConversation: boolean },
): TriggerMatch | null {
  const { payload } = input;
  if (payload) {
    for (const c of candidates) {
      if (c.triggers.payloads?.some((p) => !p.endsWith('*') && p === payload)) return { flowId: c.id, variables: {}, via: 'payload' };
    }
    for (const c of candidates) {
      const prefix = c.triggers.payloads?.find((p) => p.endsWith('*') && payload.startsWith(p.slice(0, -1)));
      if (prefix) return { flowId: c.id, variables: { payloadArg: payload.slice(prefix.length - 1) }, via: 'payload' };
    }
  }
  const text = ` ${words(input.text)} `;
  if (text.trim()) {
    for (const c of candidates) {
      if (c.triggers.keywords?.some((k) => words(k) !== '' && text.includes(` ${words(k)} `))) return { flowId: c.id, variables: {}, via: 'keyword' };
    }
    for (const c of candidates) {
      const hit = c.triggers.patterns?.some((p) => {
        try {
          return new RegExp(p, 'iu').test(input.text);
        } catch {
          return false;
        }
      });
      if (hit) return { flowId: c.id, variables: {}, via: 'pattern' };
    }
  }
  if (input.newConversation) {
    const welcome = candidates.find((c) => c.triggers.welcomeChannels?.includes(input.channel));
    if (welcome) return { flowId: welcome.id, variables: {}, via: 'welcome' };
  }
  return null;
}

/** A regular expression a trigger may use: compiles, and is not absurdly long. */
export function checkPattern(pattern: string): string | null {
  if (pattern.length > 200) return 'Keep patterns under 200 characters';
  try {
    new RegExp(pattern, 'iu');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'Invalid pattern';
  }
}
