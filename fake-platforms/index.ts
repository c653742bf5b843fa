import type { ApiEndpoints } from '@/channels/types';
import { startFakeLine, type FakeLine, type FakeLineOptions } from './line';
import { startFakeMeta, type FakeMeta, type FakeMetaOptions } from './meta';
import { startFakeX, type FakeX, type FakeXOptions } from './x';
import { startFakeApple, type FakeApple, type FakeAppleOptions } from './apple';

/**
 * Local fakes of the Meta Graph API (Messenger, Instagram, WhatsApp), the LINE Messaging API and X's API. Tests
 * and the demo app point channel adapters at them through ApiEndpoints.
 */

export { startFakeMeta, type FakeInstagramAccount, type FakeMeta, type FakeMetaOptions, type FakeMetaNumber, type FakeMetaPage, type FakeMedia } from './meta';
export type { InstagramProfile, MessengerProfile, MetaAction, MetaEndpoint, MetaFailureRule, MetaPlatform, MetaSent } from './meta';
export { startFakeLine, type FakeLine, type FakeLineBot, type FakeLineOptions } from './line';
export type { LineContent, LineEndpoint, LineFailureRule, LineProfile, LineSent } from './line';
export type { RecordedRequest } from './http';
export type { ScriptedFailure } from './failures';
export { graphError, graphErrors, type GraphErrorBody } from './graph-errors';
export { lineErrors, type LineErrorBody, type LineErrorDetail } from './line-errors';
export { graphMediaId, instagramMessageId, instagramScopedId, lineMessageId, lineUserId, ulid, xSnowflake } from './ids';
export { startFakeX, type FakeX, type FakeXAccount, type FakeXOptions, type XEndpoint, type XFailureRule, type XSent } from './x';
export { startFakeApple, type AppleSent, type FakeApple, type FakeAppleOptions } from './apple';
export * from './webhooks';

export type FakePlatformsConfig = {
  /** Listen address for both (default 127.0.0.1). */
  host?: string;
  meta?: Omit<FakeMetaOptions, 'host'>;
  line?: Omit<FakeLineOptions, 'host'>;
  x?: Omit<FakeXOptions, 'host'>;
  apple?: Omit<FakeAppleOptions, 'host'>;
};

export type FakePlatforms = {
  meta: FakeMeta;
  line: FakeLine;
  x: FakeX;
  apple: FakeApple;
  /** What adapters take: graphUrl, lineApiUrl, lineDataUrl, xApiUrl, appleGatewayUrl. */
  endpoints: ApiEndpoints;
  reset(options?: { data?: boolean }): void;
  close(): Promise<void>;
};

export async function startFakePlatforms(config: FakePlatformsConfig = {}): Promise<FakePlatforms> {
  const meta = await startFakeMeta({ ...config.meta, host: config.host });
  let line: FakeLine;
  let x: FakeX;
  let apple: FakeApple;
  try {
    line = await startFakeLine({ ...config.line, host: config.host });
  } catch (err) {
    // Do not leave the first server listening when the second cannot start (e.g. port taken).
    await meta.close();
    throw err;
  }
  try {
    x = await startFakeX({ ...config.x, host: config.host });
  } catch (err) {
    await Promise.all([meta.close(), line.close()]);
    throw err;
  }
  try {
    apple = await startFakeApple({ ...config.apple, host: config.host });
  } catch (err) {
    await Promise.all([meta.close(), line.close(), x.close()]);
    throw err;
  }
  return {
    meta,
    line,
    x,
    apple,
    endpoints: { graphUrl: meta.url, lineApiUrl: line.apiUrl, lineDataUrl: line.dataUrl, xApiUrl: x.apiUrl, appleGatewayUrl: apple.gatewayUrl },
    reset(options) {
      meta.reset(options);
      line.reset(options);
      x.reset(options);
      apple.reset();
    },
    close: async () => {
      await Promise.all([meta.close(), line.close(), x.close(), apple.close()]);
    },
  };
}
