import { WebSocket, type RawData } from 'ws';
import {
  channelType,
  isAcceptedChannelName,
  MAX_CHANNEL_NAME_LENGTH,
  serverToUserChannel,
  serverToUserId,
} from './channels';
import type { ServerContext } from './context';
import {
  CloseCode,
  closeReason,
  encodeControl,
  encodeError,
  encodeFrame,
  LimitCode,
  parseClientFrame,
  type ClientFrame,
} from './protocol';
import { WindowRateLimiter } from './rate-limit';
import type { Subscriber } from './registry';
import { verifyChannelAuth, verifyUserAuth } from './signing';

/**
 * A socket whose send buffer grows past this is not reading: drop it rather than let one
 * stalled browser tab hold the whole server's memory. pusher-js reconnects on its own.
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const MAX_EVENT_NAME_LENGTH = 200;

interface Subscription {
  /** Set on presence channels: the member this socket counts for. */
  userId?: string;
}

interface SubscriptionErrorData {
  type: string;
  error: string;
  status: number;
}

/** One WebSocket connection speaking protocol 7 (the Pusher Channels protocol). */
export class PusherConnection implements Subscriber {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly clientEventLimiter: WindowRateLimiter;
  private signedInUserId: string | null = null;
  private lastSeenAt = Date.now();
  private awaitingPongSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly id: string,
    private readonly ws: WebSocket,
    private readonly ctx: ServerContext,
    private readonly onClosed: (connection: PusherConnection) => void,
  ) {
    this.clientEventLimiter = new WindowRateLimiter(ctx.config.clientEventsPerSecond);
    ws.on('message', (data, isBinary) => {
      // One bad frame must never take the whole server (and every other socket) down.
      try {
        this.onMessage(data, isBinary);
      } catch (err) {
        ctx.config.log(`pusher socket ${id}: ${err instanceof Error ? err.stack : String(err)}`);
      }
    });
    ws.on('close', () => this.cleanup());
    // ws answers the peer's close frame by calling close() on this instance at once, but
    // emits 'close' only when the TCP connection ends, which a client may hold open for up
    // to ws's 30 s close timeout. Leave every channel at the close frame, so presence and
    // the HTTP API's /users never list someone who has left.
    const close = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => {
      this.leaveAll();
      close(code, reason);
    };
    ws.on('error', (err) => this.ctx.config.log(`pusher socket ${id} error: ${err.message}`));

    this.send(
      encodeFrame('pusher:connection_established', {
        socket_id: id,
        activity_timeout: ctx.config.activityTimeoutSeconds,
      }),
    );
    this.armTimer(this.activityMs);
  }

  send(frame: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ctx.config.log(`pusher socket ${this.id} is not reading; dropping it`);
      this.ws.terminate();
      return;
    }
    this.ws.send(frame);
  }

  disconnect(code: number, message: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.send(encodeError(code, message));
    this.ws.close(code, closeReason(message));
  }

  /** Drops the transport without a close handshake (used when shutdown must not wait). */
  terminate(): void {
    this.ws.terminate();
  }

  private get activityMs(): number {
    return this.ctx.config.activityTimeoutSeconds * 1000;
  }

  private get pongMs(): number {
    return this.ctx.config.pongTimeoutSeconds * 1000;
  }

  private onMessage(raw: RawData, isBinary: boolean): void {
    // After we started closing, late frames must not subscribe or publish anything.
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    // Any frame proves the client is alive, so it also counts as the awaited pong.
    this.lastSeenAt = Date.now();
    this.awaitingPongSince = null;

    if (isBinary) {
      this.send(encodeError(null, 'Binary frames are not supported'));
      return;
    }
    const frame = parseClientFrame(toBuffer(raw).toString('utf8'));
    if (!frame) {
      this.send(encodeError(null, 'Invalid message: expected a JSON Pusher event'));
      return;
    }

    switch (frame.event) {
      case 'pusher:ping':
        this.send(encodeControl('pusher:pong', {}));
        return;
      case 'pusher:pong':
        return;
      case 'pusher:subscribe':
        this.subscribe(frame.data);
        return;
      case 'pusher:unsubscribe':
        if (isRecord(frame.data) && typeof frame.data.channel === 'string') {
          this.leave(frame.data.channel);
        }
        return;
      case 'pusher:signin':
        this.signin(frame.data);
        return;
      default:
        if (frame.event.startsWith('client-')) {
          this.clientEvent(frame);
        } else {
          this.ctx.config.log(`pusher socket ${this.id}: ignoring event ${frame.event}`);
        }
    }
  }

  /**
   * One timer per socket, re-armed lazily: a busy socket costs nothing per message, and
   * the timer only acts when it finds the socket really idle.
   */
  private armTimer(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, delayMs));
  }

  private onTimer(): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.awaitingPongSince !== null) {
      const waited = now - this.awaitingPongSince;
      if (waited >= this.pongMs) {
        this.disconnect(CloseCode.PongNotReceived, 'Pong reply not received in time');
      } else {
        this.armTimer(this.pongMs - waited);
      }
      return;
    }
    const idle = now - this.lastSeenAt;
    if (idle >= this.activityMs) {
      this.send(encodeControl('pusher:ping', {}));
      this.awaitingPongSince = now;
      this.armTimer(this.pongMs);
    } else {
      this.armTimer(this.activityMs - idle);
    }
  }

  private subscribe(data: unknown): void {
    const request = isRecord(data) ? data : {};
    const channel = request.channel;
    if (typeof channel === 'string' && channel.length > MAX_CHANNEL_NAME_LENGTH) {
      this.subscriptionError(channel, {
        type: 'LimitReached',
        error: `The channel name is longer than ${MAX_CHANNEL_NAME_LENGTH} characters`,
        status: LimitCode.ChannelNameTooLong,
      });
      return;
    }
    if (!isAcceptedChannelName(channel)) {
      this.send(
        encodeControl(
          'pusher:subscription_error',
          { type: 'InvalidChannel', error: 'Invalid channel name', status: 400 },
          typeof channel === 'string' ? channel : undefined,
        ),
      );
      return;
    }

    const type = channelType(channel);
    if (type === 'presence') {
      this.subscribePresence(channel, request);
      return;
    }
    if (type === 'user' && serverToUserId(channel) !== this.signedInUserId) {
      this.subscriptionError(channel, authError('Sign in as this user to use its channel'));
      return;
    }
    if (
      (type === 'private' || type === 'encrypted') &&
      !verifyChannelAuth(this.ctx.config, this.id, channel, request.auth)
    ) {
      this.subscriptionError(channel, authError());
      return;
    }

    this.ctx.registry.subscribe(channel, this);
    this.subscriptions.set(channel, {});
    this.send(encodeFrame('pusher_internal:subscription_succeeded', {}, channel));
  }

  private subscribePresence(channel: string, request: Record<string, unknown>): void {
    const { config, registry } = this.ctx;
    const channelData = request.channel_data;
    // The signature covers channel_data as the exact string sent; verify before parsing.
    if (
      typeof channelData !== 'string' ||
      !verifyChannelAuth(config, this.id, channel, request.auth, channelData)
    ) {
      this.subscriptionError(channel, authError());
      return;
    }

    const member = parsePresenceMember(channelData);
    if (!member) {
      this.subscriptionError(channel, {
        type: 'InvalidChannelData',
        error: 'channel_data must be JSON with a user_id',
        status: 400,
      });
      return;
    }
    const infoBytes =
      member.userInfo === undefined ? 0 : Buffer.byteLength(JSON.stringify(member.userInfo));
    if (infoBytes > config.maxPresenceUserInfoBytes) {
      this.subscriptionError(channel, {
        type: 'LimitReached',
        error: `user_info is larger than ${config.maxPresenceUserInfoBytes} bytes`,
        status: LimitCode.PresenceMemberTooLarge,
      });
      return;
    }

    const previous = this.subscriptions.get(channel);
    if (previous && previous.userId === member.userId) {
      this.send(this.presenceSucceededFrame(channel));
      return;
    }
    // Same socket, new identity: the old member must leave before the new one joins.
    if (previous) this.leave(channel);

    if (
      !registry.hasMember(channel, member.userId) &&
      registry.userCount(channel) >= config.maxPresenceMembers
    ) {
      this.subscriptionError(channel, {
        type: 'LimitReached',
        error: `The presence channel already has ${config.maxPresenceMembers} members`,
        status: LimitCode.PresenceChannelFull,
      });
      return;
    }

    registry.subscribe(channel, this);
    const isNewUser = registry.addMember(channel, member.userId, member.userInfo ?? null, this.id);
    this.subscriptions.set(channel, { userId: member.userId });
    this.send(this.presenceSucceededFrame(channel));
    if (isNewUser) {
      registry.broadcast(
        channel,
        encodeFrame(
          'pusher_internal:member_added',
          { user_id: member.userId, user_info: member.userInfo ?? null },
          channel,
        ),
        this.id,
      );
    }
  }

  private presenceSucceededFrame(channel: string): string {
    const members = this.ctx.registry.members(channel);
    return encodeFrame(
      'pusher_internal:subscription_succeeded',
      {
        presence: {
          ids: [...members.keys()],
          hash: Object.fromEntries(members),
          count: members.size,
        },
      },
      channel,
    );
  }

  private subscriptionError(channel: string, data: SubscriptionErrorData): void {
    this.send(encodeControl('pusher:subscription_error', data, channel));
  }

  private leave(channel: string): void {
    const subscription = this.subscriptions.get(channel);
    if (!subscription) return;
    this.subscriptions.delete(channel);
    const { registry } = this.ctx;
    const userId = subscription.userId;
    const userLeft = userId !== undefined && registry.removeMember(channel, userId, this.id);
    registry.unsubscribe(channel, this.id);
    if (userLeft) {
      registry.broadcast(
        channel,
        encodeFrame('pusher_internal:member_removed', { user_id: userId }, channel),
      );
    }
  }

  private clientEvent(frame: ClientFrame): void {
    const { config } = this.ctx;
    const channel = frame.channel;
    const subscription = channel === undefined ? undefined : this.subscriptions.get(channel);
    // Every refusal names the channel, so pusher-js also fires that channel's error handler.
    const refuse = (code: number | null, message: string) => this.send(encodeError(code, message, channel));
    if (channel === undefined || !subscription) {
      refuse(null, `Client event rejected: not subscribed to ${channel ?? '(none)'}`);
      return;
    }
    const type = channelType(channel);
    if (type !== 'private' && type !== 'presence') {
      refuse(null, 'Client events are only allowed on private and presence channels');
      return;
    }
    if (!config.clientEventChannelPrefixes.some((prefix) => channel.startsWith(prefix))) {
      refuse(LimitCode.ClientEventRefused, `Client events are not enabled on ${channel}`);
      return;
    }
    if (frame.event.length > MAX_EVENT_NAME_LENGTH) {
      refuse(LimitCode.ClientEventRefused, `Client event rejected: event name longer than ${MAX_EVENT_NAME_LENGTH} characters`);
      return;
    }
    if (!this.clientEventLimiter.take()) {
      refuse(CloseCode.ClientEventRateLimit, `Client event rejected: more than ${config.clientEventsPerSecond} per second`);
      return;
    }
    const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data ?? null);
    if (Buffer.byteLength(data) > config.maxPayloadBytes) {
      refuse(LimitCode.ClientEventRefused, `Client event rejected: data over ${config.maxPayloadBytes} bytes`);
      return;
    }
    // Never echoed to the sender; presence adds who sent it (pusher-js metadata.user_id).
    this.ctx.registry.broadcast(
      channel,
      encodeFrame(frame.event, data, channel, { user_id: subscription.userId }),
      this.id,
    );
  }

  private signin(data: unknown): void {
    const request = isRecord(data) ? data : {};
    const userData = request.user_data;
    if (
      typeof userData !== 'string' ||
      !verifyUserAuth(this.ctx.config, this.id, request.auth, userData)
    ) {
      this.disconnect(CloseCode.Unauthorized, 'Connection not authorized: invalid signin');
      return;
    }
    const userId = parseUserId(userData);
    if (userId === null) {
      this.disconnect(CloseCode.Unauthorized, 'user_data must be JSON with a string id');
      return;
    }

    const { registry } = this.ctx;
    if (this.signedInUserId !== null && this.signedInUserId !== userId) {
      registry.removeUserSocket(this.signedInUserId, this.id);
      this.leave(serverToUserChannel(this.signedInUserId));
    }
    this.signedInUserId = userId;
    registry.addUserSocket(userId, this);
    this.send(encodeFrame('pusher:signin_success', { user_data: userData }));
  }

  /** A disconnect is an unsubscribe from everything, including presence member_removed. */
  private leaveAll(): void {
    for (const channel of [...this.subscriptions.keys()]) this.leave(channel);
    if (this.signedInUserId !== null) {
      this.ctx.registry.removeUserSocket(this.signedInUserId, this.id);
      this.signedInUserId = null;
    }
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.leaveAll();
    this.onClosed(this);
  }
}

function authError(error = 'The connection is unauthorized.'): SubscriptionErrorData {
  return { type: 'AuthError', error, status: 401 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}

/** user_id may be a string or a number (P2 signs `"user_id":10`); members are keyed by string. */
function parsePresenceMember(channelData: string): { userId: string; userInfo: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(channelData);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const raw = parsed.user_id;
  let userId: string;
  if (typeof raw === 'string' && raw !== '') userId = raw;
  else if (typeof raw === 'number' && Number.isFinite(raw)) userId = String(raw);
  else return null;
  return { userId, userInfo: parsed.user_info };
}

function parseUserId(userData: string): string | null {
  try {
    const parsed: unknown = JSON.parse(userData);
    if (isRecord(parsed) && typeof parsed.id === 'string' && parsed.id !== '') return parsed.id;
  } catch {
    // fall through: not JSON
  }
  return null;
}
