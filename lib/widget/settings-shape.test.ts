import { describe, expect, it } from 'vitest';
import { WIDGET_DEFAULTS, readWidgetSettings, widgetSettingsInput } from './settings-shape';
import { presentWidgetConfig } from './present';
import { resolveWidgetLanguage, widgetStrings, WIDGET_LANGUAGES } from './i18n';
import { en } from './i18n/en';
import { fillText } from './i18n/fill';

const channelId = '00000000-0000-4000-8000-000000000001';

describe('reading stored widget settings', () => {
  it('gives the defaults for an old row that predates them', () => {
    const s = readWidgetSettings({ title: 'Old shop', greeting: 'Hi', color: '#ABCDEF', position: 'left' });
    expect(s).toMatchObject({ title: 'Old shop', color: '#abcdef', position: 'left', offsetX: 20, offsetY: 20, icon: 'chat', label: '', language: 'en', theme: 'light' });
    expect(s.offlineMode).toBe('chat');
    expect(s.hideWhenUnavailable).toBe(false);
  });

  it('is lenient with malformed values instead of failing the widget', () => {
    const s = readWidgetSettings({ color: 'red', offsetX: 900, offsetY: -1, icon: 'rocket', language: 'fr', theme: 'neon', label: 'x'.repeat(99), logo: 'javascript:alert(1)', hideWhenUnavailable: 'yes' });
    expect(s).toMatchObject({ color: WIDGET_DEFAULTS.color, offsetX: 20, offsetY: 20, icon: 'chat', language: 'en', theme: 'light', logo: '', hideWhenUnavailable: false });
    expect(s.label).toHaveLength(30);
    expect(readWidgetSettings(null).title).toBe(WIDGET_DEFAULTS.title);
  });
});

describe('the strict settings schema', () => {
  const base = { channelId, title: 'Shop', greeting: 'Hi', color: '#112233', position: 'right' };

  it('accepts a full form and fills what an older form does not send', () => {
    const parsed = widgetSettingsInput.parse({ ...base, offsetX: '0', offsetY: '200', followBrowserLanguage: 'on', language: 'th' });
    expect(parsed).toMatchObject({ offsetX: 0, offsetY: 200, followBrowserLanguage: true, followBusinessHours: false, language: 'th', icon: 'chat', offlineMode: 'chat', label: '' });
  });

  it('refuses what the widget could not show, naming the problem', () => {
    const problem = (change: Record<string, unknown>) => widgetSettingsInput.safeParse({ ...base, ...change }).error?.issues[0]?.message;
    expect(problem({ color: '#zzzzzz' })).toBe('Choose a colour like #0f766e');
    expect(problem({ offsetX: '201' })).toBe('Keep the side offset at most 200 px');
    expect(problem({ offsetY: 'abc' })).toMatch(/bottom offset/);
    expect(problem({ label: 'a'.repeat(31) })).toBe('Keep the launcher label under 30 characters');
    expect(problem({ language: 'xx' })).toMatch(/Choose one of the languages/);
    expect(problem({ logo: 'data:image/svg+xml;base64,PHN2Zz4=' })).toMatch(/PNG, JPEG, GIF or WebP/);
    expect(problem({ logo: `data:image/png;base64,${'A'.repeat(70_000)}` })).toMatch(/at most 48 KB/);
    expect(problem({ logo: 'data:image/png;base64,iVBORw0KGgo=' })).toBeUndefined();
  });
});

describe('the widget languages', () => {
  it('fills every key in every language', () => {
    for (const language of WIDGET_LANGUAGES) {
      const strings = widgetStrings(language);
      expect(Object.keys(strings).sort(), language).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(strings)) expect(text.trim(), `${language}.${key}`).not.toBe('');
    }
  });

  it('follows the browser when asked and has the language, else the shop’s choice', () => {
    expect(resolveWidgetLanguage('de', false, 'ja-JP')).toBe('de');
    expect(resolveWidgetLanguage('de', true, 'ja-JP')).toBe('ja');
    expect(resolveWidgetLanguage('de', true, 'in')).toBe('id');
    expect(resolveWidgetLanguage('de', true, 'fr-FR')).toBe('de');
    expect(resolveWidgetLanguage('th', true, null)).toBe('th');
    expect(fillText('{n} unread messages', { n: 3 })).toBe('3 unread messages');
  });

  it('presents the config in the chosen language, with the away message when nobody can answer', () => {
    const settings = readWidgetSettings({ language: 'de', color: '#fde047' });
    const config = presentWidgetConfig('token', settings, { available: false, replyTime: 'replyMinutes', browserLanguage: null });
    expect(config).toMatchObject({ language: 'de', textColor: '#111827', replyTime: 'Antwortet meist in wenigen Minuten', available: false });
    expect(config.awayMessage).toBe(widgetStrings('de').awayDefault);
    expect(config.strings.writeMessage).toBe('Nachricht schreiben…');
  });

  it('offers "Email me the transcript" only when the channel has it on and the shop can send email', () => {
    expect(readWidgetSettings({}).transcriptEmail).toBe(false);
    expect(widgetSettingsInput.parse({ channelId: '6f1c1e3a-2b4d-4c8e-9f00-1a2b3c4d5e6f', title: 'T', greeting: 'G', color: '#0f766e', position: 'right', transcriptEmail: 'on' }).transcriptEmail).toBe(true);
    const on = readWidgetSettings({ transcriptEmail: true });
    const live = { available: true, replyTime: null, browserLanguage: null };
    expect(presentWidgetConfig('token', on, { ...live, mailReady: true }).transcriptEmail).toBe(true);
    expect(presentWidgetConfig('token', on, { ...live, mailReady: false }).transcriptEmail).toBe(false);
    expect(presentWidgetConfig('token', readWidgetSettings({}), { ...live, mailReady: true }).transcriptEmail).toBe(false);
  });
});
