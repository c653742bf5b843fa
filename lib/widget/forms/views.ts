// What the widget's browser code receives about forms and ratings. Client-safe.
import type { FormFields, PreChatForm } from './definition';

export type PreChatStateView = { form: PreChatForm | null; needed: boolean };
/** The form a flow's "Show form" step waits on; `key` names that wait, sent back with the answers. */
export type FlowFormView = { key: string; form: FormFields };
export type CsatOfferView = { conversationId: string; resolvedAt: string } | null;
