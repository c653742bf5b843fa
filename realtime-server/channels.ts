/**
 * Channel naming rules (the Pusher Channels protocol). The type decides which auth a subscription
 * needs, so the prefix order matters: `private-encrypted-` must win over `private-`.
 */

export type ChannelType = 'public' | 'private' | 'encrypted' | 'presence' | 'user';

export const MAX_CHANNEL_NAME_LENGTH = 200;
/** Same character class as pusher-http-node `validateChannel`. */
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;
/** pusher-js subscribes here after sign-in; `sendToUser` triggers to it (§5.5). */
const SERVER_TO_USER_PREFIX = '#server-to-user-';

export function isValidChannelName(name: unknown): name is string {
  return (
    typeof name === 'string' && name.length <= MAX_CHANNEL_NAME_LENGTH && CHANNEL_NAME.test(name)
  );
}

export function serverToUserChannel(userId: string): string {
  return `${SERVER_TO_USER_PREFIX}${userId}`;
}

/** The user id of a `#server-to-user-{id}` channel, or null for any other name. */
export function serverToUserId(name: string): string | null {
  if (!name.startsWith(SERVER_TO_USER_PREFIX)) return null;
  const id = name.slice(SERVER_TO_USER_PREFIX.length);
  return id === '' ? null : id;
}

/**
 * Names accepted on the HTTP API and in subscriptions: the regular class, plus the one
 * reserved `#` family the server itself defines (user ids are free-form strings).
 */
export function isAcceptedChannelName(name: unknown): name is string {
  if (isValidChannelName(name)) return true;
  return (
    typeof name === 'string' &&
    name.length <= MAX_CHANNEL_NAME_LENGTH &&
    serverToUserId(name) !== null &&
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    !/[\u0000-\u001f]/.test(name)
  );
}

export function channelType(name: string): ChannelType {
  if (name.startsWith('#')) return 'user';
  if (name.startsWith('private-encrypted-')) return 'encrypted';
  if (name.startsWith('private-')) return 'private';
  if (name.startsWith('presence-')) return 'presence';
  return 'public';
}

export function isPresence(name: string): boolean {
  return channelType(name) === 'presence';
}
