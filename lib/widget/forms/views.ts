// What the widget's browser code receives about forms and ratings. Client-safe.
import type { PreChatForm } from './definition';

export type PreChatStateView = { form: PreChatForm | null; needed: boolean };
export type CsatOfferView = { conversationId: string; resolvedAt: string } | null;
