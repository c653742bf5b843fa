import type { Role } from '@/lib/auth/membership';

/**
 * Who may do what with tickets, in one place (the server actions take their role from
 * here): every member of the workspace, agent or admin, creates, edits, bulk-edits and
 * comments; a comment is edited by its author or an admin (comment.ts); only admins delete
 * tickets and set the solved message. Another workspace's tickets are "not found".
 */
export const TICKET_ROLES = {
  create: 'agent',
  update: 'agent',
  bulkUpdate: 'agent',
  comment: 'agent',
  editComment: 'agent',
  delete: 'admin',
  solvedMessageSettings: 'admin',
} as const satisfies Record<string, Role>;
