import type { ApiEndpoints } from '@/channels/types';
import { startFakeLine, type FakeLine, type FakeLineOptions } from './line';
import { startFakeMeta, type FakeMeta, type FakeMetaOptions } from './meta';

/**
 * Local fakes of the Meta Graph API (Messenger, WhatsApp) and the LINE Messaging API. Tests
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
export { graphMediaId, instagramMessageId, instagramScopedId, lineMessageId, lineUserId, ulid } from './ids';
export * from './webhooks';

export type FakePlatformsConfig = {
  /** Listen address for both (default 127.0.0.1). */
  host?: string;
  meta?: Omit<FakeMetaOptions, 'host'>;
  line?: Omit<FakeLineOptions, 'host'>;
};

export type FakePlatforms = {
  meta: FakeMeta;
  line: FakeLine;
  /** What adapters take: graphUrl, lineApiUrl, lineDataUrl. */
  endpoints: ApiEndpoints;
  reset(options?: { data?: boolean }): void;
  close(): Promise<void>;
};

export async function startFakePlatforms(config: FakePlatformsConfig = {}): Promise<FakePlatforms> {
  const meta = await startFakeMeta({ ...config.meta, host: config.host });
  let line: FakeLine;
  try {
    line = await startFakeLine({ ...config.line, host: config.host });
  } catch (err) {
    // Do not leave the first server listening when the second cannot start (e.g. port taken).
    await meta.close();
    throw err;
  }
  return {
    meta,
    line,
    endpoints: { graphUrl: meta.url, lineApiUrl: line.apiUrl, lineDataUrl: line.dataUrl },
    reset(options) {
      meta.reset(options);
      line.reset(options);
    },
    close: async () => {
      await Promise.all([meta.close(), line.close()]);
    },
  };
}
