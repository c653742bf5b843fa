import type { z } from 'zod';
import { getDb } from '@/lib/db';
import { UserError, type ErrorCode } from '@/lib/errors';
import type { ActorContext } from './action-core';
import { findMembership, roleAllows, type Role, type WorkspaceMembership } from './membership';
import type { SessionUser } from './session';

type InputSchema = z.ZodType<unknown, unknown>;
type WorkspaceRef = { id: string } | { slug: string };
type Code = ErrorCode | 'error';

export const statusOfCode: Record<Code, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  error: 500,
};

export type WorkspaceRouteDefinition<P extends InputSchema> = {
  /** The route's path parameters and URL query, parsed together. */
  params: P;
  /** The workspace the request acts in, from its parameters; null when what they name does not exist. */
  workspace: (params: z.infer<P>) => WorkspaceRef | null | Promise<WorkspaceRef | null>;
  /** The least role allowed. */
  role: Role;
  /**
   * 'api' (default): refusals are JSON like a server action's result (`{ ok: false, code,
   * error }`); bad parameters are 'invalid', another workspace 'forbidden'. 'download': a
   * link a browser opens; refusals are plain text, and a bad id or another workspace's
   * thing is "Not found", so ids cannot be probed.
   */
  kind?: 'api' | 'download';
  /** Refuses requests another site makes with the user's cookies (browsers send Origin on those). */
  sameOriginOnly?: boolean;
  /** What the signed-out and the under-privileged are told, when the route says it better. */
  messages?: { unauthenticated?: string; forbidden?: string };
  /** The status of a successful JSON answer. */
  okStatus?: number;
};

export type WorkspaceRouteRequest<P> = { params: P; ctx: ActorContext; membership: WorkspaceMembership };

export type RouteHandlerContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** A refusal in the route's kind: JSON like an action's failed result, or plain text. */
export function refuse(kind: 'api' | 'download', code: Code, error: string, fieldErrors?: Record<string, string[]>): Response {
  const status = statusOfCode[code];
  const headers = { 'cache-control': 'no-store' };
  if (kind === 'download') return new Response(code === 'not_found' ? 'Not found' : error, { status, headers });
  return Response.json({ ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) }, { status, headers });
}

/** A refused body with a status no error code names (413 too large, 415 wrong type), in an action's shape. */
export function refuseBody(status: 413 | 415, error: string): Response {
  return Response.json({ ok: false, code: 'invalid', error }, { status, headers: { 'cache-control': 'no-store' } });
}

function crossSite(request: Request): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() !== host.toLowerCase();
  } catch {
    return true;
  }
}

async function readParams(request: Request, context: RouteHandlerContext | undefined): Promise<Record<string, unknown>> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return { ...query, ...((await context?.params) ?? {}) };
}

/**
 * The checks every workspace route handler runs, in order, before it reads a byte of the
 * body: same origin (when asked), parameters (zod), session, active membership of the
 * workspace, role. Then the handler, whose UserErrors are answered like an action's; a
 * handler that returns a Response answers itself, anything else is sent as `{ ok, data }`.
 */
export async function runWorkspaceRoute<P extends InputSchema, T>(
  loadUser: () => Promise<SessionUser | null>,
  request: Request,
  context: RouteHandlerContext | undefined,
  definition: WorkspaceRouteDefinition<P>,
  handler: (request: Request, route: WorkspaceRouteRequest<z.infer<P>>) => Promise<T | Response>,
): Promise<Response> {
  const kind = definition.kind ?? 'api';
  if (definition.sameOriginOnly && crossSite(request)) return refuse(kind, 'forbidden', 'Requests must come from the app itself.');
  const parsed = definition.params.safeParse(await readParams(request, context));
  if (!parsed.success) {
    return kind === 'download' ? refuse(kind, 'not_found', 'Not found') : refuse(kind, 'invalid', parsed.error.issues[0]?.message ?? 'Invalid request');
  }
  const user = await loadUser();
  if (!user) return refuse(kind, 'unauthenticated', definition.messages?.unauthenticated ?? 'Your session has ended. Sign in again.');

  const where = await definition.workspace(parsed.data);
  const membership = where ? await findMembership(getDb(), user.id, where) : null;
  if (!where) return refuse(kind, 'not_found', 'Not found');
  if (!membership) return kind === 'download' ? refuse(kind, 'not_found', 'Not found') : refuse(kind, 'forbidden', 'You are not a member of this workspace.');
  if (!roleAllows(membership.role, definition.role)) return refuse(kind, 'forbidden', definition.messages?.forbidden ?? 'Only workspace admins can do this.');

  const ctx: ActorContext = {
    workspaceId: membership.workspaceId,
    actor: { id: user.id, name: user.name, email: user.email, role: membership.role },
  };
  try {
    const result = await handler(request, { params: parsed.data, ctx, membership });
    if (result instanceof Response) return result;
    return Response.json({ ok: true, data: result }, { status: definition.okStatus ?? 200, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof UserError) return refuse(kind, error.code, error.message, error.fieldErrors);
    console.error('[route] failed:', error);
    return refuse(kind, 'error', 'Something went wrong. Please try again.');
  }
}
