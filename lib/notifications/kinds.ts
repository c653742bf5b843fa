// What each notification kind is, and what an agent gets for it until they choose
// otherwise. Client-safe: the bell, the preferences form and the services share it.
//
// The defaults follow the mobile app's table in the product spec (Scenarios · Notification
// Message · Notification Sound):
//   assigned to an agent (bot→active, request→active) ....... message yes, sound yes
//   re-assigned to an agent .................................. message yes, sound yes
//   assigned to a group (bot→request tab) .................... message yes, sound no
//   unassigned (bot→request tab) ............................. message no,  sound no
// "Message" is both the bell entry and the browser notification. The table does not list
// the other kinds; they are things an agent must act on, so they are on with a sound.

export const notificationKindList = [
  'assigned_to_me',
  'reassigned_to_me',
  'assigned_to_my_team',
  'unassigned',
  'new_message',
  'reminder_due',
  'customer_needs_help',
  'sla_breach_soon',
  'sla_breached',
] as const;

export type NotificationKindName = (typeof notificationKindList)[number];

/**
 * Whether a kind is pushed to the agent's devices when Baton is not open there (Web Push):
 * the table's "App Closed" rows. It lists the assignments to the agent (from the bot or
 * Requests) and re-assignment; assignment to a group and unassignment appear only with the
 * app open, so they wait for the app. Of the kinds the table does not list, those addressed
 * to this one agent about their own work (a customer writing in their conversation, their
 * reminder, their reply time running out or missed) push; "a customer needs help" goes to
 * every online agent like a group assignment, so it does not.
 * The agent's "Browser notification" choice for the kind turns its push off too.
 */
export const pushWhenClosed: Record<NotificationKindName, boolean> = {
  assigned_to_me: true,
  reassigned_to_me: true,
  assigned_to_my_team: false,
  unassigned: false,
  new_message: true,
  reminder_due: true,
  customer_needs_help: false,
  sla_breach_soon: true,
  sla_breached: true,
};

export type NotificationChannels = {
  /** Listed under the bell (and counted as unread). */
  inApp: boolean;
  /** Shown as a browser notification while the tab is in the background, and pushed to the agent's devices when Baton is closed there. */
  browser: boolean;
  /** A short sound with it while the tab is in the background. */
  sound: boolean;
};

export const notificationDefaults: Record<NotificationKindName, NotificationChannels> = {
  assigned_to_me: { inApp: true, browser: true, sound: true },
  reassigned_to_me: { inApp: true, browser: true, sound: true },
  assigned_to_my_team: { inApp: true, browser: true, sound: false },
  unassigned: { inApp: false, browser: false, sound: false },
  new_message: { inApp: true, browser: true, sound: true },
  reminder_due: { inApp: true, browser: true, sound: true },
  customer_needs_help: { inApp: true, browser: true, sound: true },
  sla_breach_soon: { inApp: true, browser: true, sound: true },
  sla_breached: { inApp: true, browser: true, sound: true },
};

export const notificationLabels: Record<NotificationKindName, { label: string; description: string }> = {
  assigned_to_me: { label: 'Assigned to me', description: 'A conversation from the bot or Requests is assigned to you.' },
  reassigned_to_me: { label: 'Re-assigned to me', description: 'Another agent’s conversation is re-assigned to you.' },
  assigned_to_my_team: { label: 'Assigned to my team', description: 'A conversation is assigned to a team you belong to.' },
  unassigned: { label: 'Unassigned from me', description: 'A conversation you had goes back to Requests or to someone else.' },
  new_message: { label: 'New message', description: 'The customer writes in a conversation assigned to you.' },
  reminder_due: { label: 'Reminder due', description: 'A reminder you set on a conversation is due.' },
  customer_needs_help: { label: 'A customer needs help', description: 'A new request arrives, or the bot hands a customer over, while you are online.' },
  sla_breach_soon: { label: 'Reply time about to run out', description: 'A conversation you can answer is close to its reply-time target.' },
  sla_breached: { label: 'Target missed', description: 'A conversation you can answer, or a ticket of yours or your team’s, went past its SLA target.' },
};

/** What `private-user-{id}` receives as `notification.created`. */
export type NotificationEventPayload = {
  /** The stored bell entry; null when the agent turned the bell off for this kind. */
  id: string | null;
  workspaceId: string;
  kind: NotificationKindName;
  conversationId: string | null;
  /** A ticket's notification: the bell links to the ticket by its number. */
  ticketNumber: number | null;
  title: string;
  body: string | null;
  createdAt: string;
  browser: boolean;
  sound: boolean;
};

export type NotificationItem = {
  id: string;
  kind: NotificationKindName;
  conversationId: string | null;
  ticketNumber: number | null;
  title: string;
  body: string | null;
  createdAt: string;
  read: boolean;
};

export const NOTIFICATION_CREATED_EVENT = 'notification.created';
/** Sent to the same user's other tabs when they read entries, so every bell agrees. */
export const NOTIFICATIONS_READ_EVENT = 'notifications.read';
