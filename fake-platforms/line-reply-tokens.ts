import { lineReplyToken } from './ids';

/**
 * Reply tokens as LINE treats them: issued with an inbound event for one user of one bot,
 * usable once, and only for about a minute (LINE Messaging API).
 */

type Issued = { botUserId: string; userId: string; expiresAt: number; used: boolean };

export class ReplyTokens {
  private readonly tokens = new Map<string, Issued>();

  constructor(private readonly defaultTtlMs: number) {}

  issue(botUserId: string, userId: string, ttlMs = this.defaultTtlMs): string {
    this.prune();
    const token = lineReplyToken();
    this.tokens.set(token, { botUserId, userId, expiresAt: Date.now() + ttlMs, used: false });
    return token;
  }

  /** The user a still-usable token was issued for, without using it up. */
  peek(token: unknown, botUserId: string): string | undefined {
    if (typeof token !== 'string') return undefined;
    const issued = this.tokens.get(token);
    if (!issued || issued.used || issued.botUserId !== botUserId || issued.expiresAt <= Date.now()) return undefined;
    return issued.userId;
  }

  use(token: string): void {
    const issued = this.tokens.get(token);
    if (issued) issued.used = true;
  }

  clear(): void {
    this.tokens.clear();
  }

  /** Used and expired tokens only need remembering until they could no longer be valid anyway. */
  private prune(): void {
    const now = Date.now();
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
  }
}
