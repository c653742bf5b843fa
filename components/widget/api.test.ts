import { afterEach, describe, expect, it, vi } from 'vitest';
import { de } from '@/lib/widget/i18n/de';
import { widgetApi, WidgetApiError } from './api';

// What the widget tells a visitor when a call fails: in the widget's language when the
// network or the server failed, the server's own reason when it refused the request.

afterEach(() => {
  vi.unstubAllGlobals();
});

const api = () => widgetApi('token', () => 'visitor-token', de);

describe('widget API failures', () => {
  it('says the visitor is offline, in the widget’s language, when the network fails', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api().history()).rejects.toEqual(new WidgetApiError(0, 'network', de.youAreOffline));
  });

  it('says something went wrong, in the widget’s language, when the server fails', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ error: 'Something went wrong. Please try again.', code: 'error' }, { status: 500 })));
    await expect(api().history()).rejects.toMatchObject({ status: 500, message: de.somethingWrong });
  });

  it('passes on the server’s reason for a refusal', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ error: 'Keep messages under 4000 characters', code: 'invalid' }, { status: 400 })));
    await expect(api().sendText({ clientId: 'abcdefgh', text: 'x' })).rejects.toMatchObject({ status: 400, code: 'invalid', message: 'Keep messages under 4000 characters' });
  });
});
