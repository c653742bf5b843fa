import { describe, expect, it } from 'vitest';
import { AGENT_UPLOAD_LIMITS, checkAgentUpload } from './upload-check';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(100)]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');

describe('checkAgentUpload', () => {
  it('recognises images by their bytes, whatever the browser claims', () => {
    expect(checkAgentUpload({ data: png, declaredType: 'application/octet-stream' })).toEqual({ ok: true, kind: 'image', mimeType: 'image/png' });
    expect(checkAgentUpload({ data: png, declaredType: 'image/jpeg' })).toMatchObject({ ok: true, mimeType: 'image/png' });
  });

  it('limits images to 4 MB and other files to 25 MB', () => {
    const bigImage = Buffer.concat([png, Buffer.alloc(AGENT_UPLOAD_LIMITS.imageBytes)]);
    expect(checkAgentUpload({ data: bigImage, declaredType: 'image/png' })).toMatchObject({ ok: false, status: 413 });
    const bigPdf = Buffer.concat([pdf, Buffer.alloc(AGENT_UPLOAD_LIMITS.fileBytes)]);
    expect(checkAgentUpload({ data: bigPdf, declaredType: 'application/pdf' })).toMatchObject({ ok: false, status: 413 });
    const okPdf = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]);
    expect(checkAgentUpload({ data: okPdf, declaredType: 'application/pdf' })).toEqual({ ok: true, kind: 'file', mimeType: 'application/pdf' });
  });

  it('accepts videos by their container signature', () => {
    expect(checkAgentUpload({ data: mp4, declaredType: 'video/mp4' })).toEqual({ ok: true, kind: 'video', mimeType: 'video/mp4' });
    expect(checkAgentUpload({ data: Buffer.from('not a video'), declaredType: 'video/mp4' })).toMatchObject({ ok: false, status: 415 });
  });

  it('refuses markup, scripts, unknown types and contents that do not match the type', () => {
    expect(checkAgentUpload({ data: Buffer.from('<svg onload="x()"/>'), declaredType: 'image/svg+xml' })).toMatchObject({ ok: false, status: 415 });
    expect(checkAgentUpload({ data: Buffer.from('<html><script>x</script>'), declaredType: 'text/html' })).toMatchObject({ ok: false, status: 415 });
    expect(checkAgentUpload({ data: Buffer.from('MZ\x90\x00'), declaredType: 'application/x-msdownload' })).toMatchObject({ ok: false, status: 415 });
    expect(checkAgentUpload({ data: Buffer.from('MZ\x90\x00'), declaredType: 'application/pdf' })).toMatchObject({ ok: false, status: 415 });
    expect(checkAgentUpload({ data: Buffer.from([0, 1, 2, 0]), declaredType: 'text/plain' })).toMatchObject({ ok: false, status: 415 });
    expect(checkAgentUpload({ data: Buffer.alloc(0), declaredType: 'text/plain' })).toMatchObject({ ok: false, status: 400 });
  });

  it('accepts plain text and CSV', () => {
    expect(checkAgentUpload({ data: Buffer.from('size,qty\nM,2\n'), declaredType: 'text/csv; charset=utf-8' })).toEqual({ ok: true, kind: 'file', mimeType: 'text/csv' });
  });
});

describe('checkAgentUpload: audio', () => {
  const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(100)]);
  it('takes a browser recording (WebM declared as audio) as audio, and WebM declared as video as video', () => {
    expect(checkAgentUpload({ data: webm, declaredType: 'audio/webm;codecs=opus' })).toEqual({ ok: true, kind: 'audio', mimeType: 'audio/webm' });
    expect(checkAgentUpload({ data: webm, declaredType: 'video/webm' })).toEqual({ ok: true, kind: 'video', mimeType: 'video/webm' });
  });
  it('recognises Ogg, MP3, AAC, WAV, AMR and M4A by their bytes', () => {
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60)]), 'audio/ogg'],
      [Buffer.concat([Buffer.from('ID3'), Buffer.alloc(60)]), 'audio/mpeg'],
      [Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(60)]), 'audio/mpeg'],
      [Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80]), Buffer.alloc(60)]), 'audio/aac'],
      [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE'), Buffer.alloc(60)]), 'audio/wav'],
      [Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(60)]), 'audio/amr'],
      [Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A '), Buffer.alloc(60)]), 'audio/mp4'],
    ];
    for (const [data, mimeType] of cases) expect(checkAgentUpload({ data, declaredType: 'application/octet-stream' })).toEqual({ ok: true, kind: 'audio', mimeType });
  });
  it('takes an MP4 the browser calls audio as audio (Safari records audio/mp4 with the iso5 brand)', () => {
    const safari = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypiso5'), Buffer.alloc(60)]);
    expect(checkAgentUpload({ data: safari, declaredType: 'audio/mp4' })).toEqual({ ok: true, kind: 'audio', mimeType: 'audio/mp4' });
    expect(checkAgentUpload({ data: safari, declaredType: 'video/mp4' })).toEqual({ ok: true, kind: 'video', mimeType: 'video/mp4' });
  });
  it('refuses audio whose bytes are not audio, and audio over 25 MB', () => {
    expect(checkAgentUpload({ data: Buffer.from('hello'), declaredType: 'audio/mpeg' })).toMatchObject({ ok: false, status: 415 });
    const big = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(AGENT_UPLOAD_LIMITS.audioBytes)]);
    expect(checkAgentUpload({ data: big, declaredType: 'audio/ogg' })).toMatchObject({ ok: false, status: 413 });
  });
});
