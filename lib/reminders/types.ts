// Client-safe shapes for the reminder button.

export type ReminderView = {
  id: string;
  conversationId: string;
  /** ISO instant; the browser shows it in the agent's own clock. */
  dueAt: string;
  note: string | null;
  status: 'pending' | 'fired' | 'cancelled';
};

/** Most pending reminders one agent may keep on one conversation. */
export const MAX_PENDING_PER_CONVERSATION = 20;
