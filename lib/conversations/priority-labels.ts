import type { ConversationPriority } from '@/db/schema/conversations';

// Client-safe: the toolbar's menu and the state machine's status lines use the same words.

export const PRIORITY_LABELS = { none: 'No priority', low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' } as const satisfies Record<ConversationPriority, string>;
