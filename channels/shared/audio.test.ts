import { describe, expect, it } from 'vitest';
import { getAdapter } from '../index';
import { buildMessengerMessages } from '../facebook/build';
import { INSTAGRAM_PROFILE } from '../instagram/limits';
import { buildLineMessages } from '../line/build';
import type { OutboundMessage } from '../types';
import { buildWhatsAppMessages } from '../whatsapp/build';
import { normaliseAudioType, planAudio } from './audio';

const webmOpus = { mimeType: 'audio/webm', codec: 'opus' };
const url = 'https://inbox.example/api/files/0b9f4c7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f?exp=1&sig=x';

function rule(kind: Parameters<typeof getAdapter>[0]) {
  const audio = getAdapter(kind).rules.audio;
  if (!audio) throw new Error(`${kind} takes no audio`);
  return audio;
}

describe('audio format per channel', () => {
  it('converts a browser recording (WebM/Opus) to Ogg/Opus for WhatsApp and to M4A elsewhere', () => {
    expect(planAudio(rule('whatsapp'), webmOpus)).toEqual({ action: 'convert', target: 'ogg_opus' });
    for (const kind of ['line', 'facebook', 'instagram', 'apple', 'web'] as const) {
      expect(planAudio(rule(kind), webmOpus)).toEqual({ action: 'convert', target: 'm4a_aac' });
    }
  });

  it('sends a file the platform takes as it is, by container and codec', () => {
    expect(planAudio(rule('whatsapp'), { mimeType: 'audio/ogg', codec: 'opus' })).toEqual({ action: 'send' });
    // WhatsApp plays Ogg with Opus only: Vorbis is converted.
    expect(planAudio(rule('whatsapp'), { mimeType: 'audio/ogg', codec: 'vorbis' })).toEqual({ action: 'convert', target: 'ogg_opus' });
    expect(planAudio(rule('whatsapp'), { mimeType: 'audio/mpeg', codec: 'mp3' })).toEqual({ action: 'send' });
    expect(planAudio(rule('line'), { mimeType: 'audio/x-m4a', codec: 'aac' })).toEqual({ action: 'send' });
    // LINE takes M4A only; Instagram no MP3.
    expect(planAudio(rule('line'), { mimeType: 'audio/mpeg', codec: 'mp3' })).toEqual({ action: 'convert', target: 'm4a_aac' });
    expect(planAudio(rule('instagram'), { mimeType: 'audio/mpeg', codec: 'mp3' })).toEqual({ action: 'convert', target: 'm4a_aac' });
    expect(planAudio(rule('facebook'), { mimeType: 'audio/mpeg', codec: 'mp3' })).toEqual({ action: 'send' });
    expect(planAudio(rule('web'), { mimeType: 'audio/wav', codec: 'pcm_s16le' })).toEqual({ action: 'send' });
  });

  it('offers no audio where the platform cannot take it: X DMs (image, GIF, video only)', () => {
    expect(getAdapter('x').rules.audio).toBeUndefined();
    expect(planAudio(rule('apple'), { mimeType: 'audio/mpeg', codec: 'mp3' })).toEqual({ action: 'send' });
    expect(rule('line').needsDuration).toBe(true);
  });

  it('names container types one way', () => {
    expect(normaliseAudioType('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(normaliseAudioType('audio/x-m4a')).toBe('audio/mp4');
    expect(normaliseAudioType('AUDIO/MP3')).toBe('audio/mpeg');
  });
});

describe('what each platform is sent for an audio message', () => {
  const audio: OutboundMessage = { kind: 'media', mediaKind: 'audio', url, mimeType: 'audio/mp4', durationMs: 3520, name: 'Voice message.m4a' };

  it('LINE: an audio message with the M4A link and its duration in ms', () => {
    expect(buildLineMessages(audio)).toEqual({ ok: true, messages: [{ type: 'audio', originalContentUrl: url, duration: 3520 }] });
    expect(buildLineMessages({ ...audio, caption: 'Listen' })).toMatchObject({ ok: true, messages: [{ type: 'audio' }, { type: 'text', text: 'Listen' }] });
  });

  it('LINE: without a measured M4A it falls back to a link the customer can open', () => {
    const built = buildLineMessages({ ...audio, mimeType: 'audio/webm', durationMs: undefined });
    expect(built).toMatchObject({ ok: true, messages: [{ type: 'text' }] });
  });

  it('WhatsApp: an audio object by link, its caption as a text after it', () => {
    const built = buildWhatsAppMessages({ ...audio, mimeType: 'audio/ogg', caption: 'Listen' });
    expect(built).toMatchObject({
      ok: true,
      parts: [
        { label: 'media', body: { type: 'audio', audio: { link: url } } },
        { label: 'caption', body: { type: 'text', text: { body: 'Listen' } } },
      ],
    });
    if (!built.ok) throw new Error('built');
    expect(built.parts[0].body).toEqual({ type: 'audio', audio: { link: url } });
  });

  it('Messenger and Instagram: an audio attachment by reusable link', () => {
    const expected = { ok: true, parts: [{ label: 'attachment', body: { attachment: { type: 'audio', payload: { url, is_reusable: true } } } }] };
    expect(buildMessengerMessages(audio)).toEqual(expected);
    expect(buildMessengerMessages(audio, INSTAGRAM_PROFILE)).toEqual(expected);
  });
});
