import { describe, expect, it } from 'vitest';
import { m4aTone, webmOpusRecording } from '../../tests/support/audio-fixtures';
import { AudioError, codecFromReport, convertAudio, durationFromReport, probeAudio } from './audio';

describe('reading ffmpeg’s report', () => {
  const report = [
    "Input #0, matroska,webm, from 'input':",
    '  Duration: N/A, start: 0.000000, bitrate: N/A',
    '    Stream #0:0(eng): Audio: opus, 48000 Hz, mono, fltp (default)',
    'size=N/A time=00:00:01.48 bitrate=N/A speed= 740x',
    'size=N/A time=00:01:03.52 bitrate=N/A speed= 900x',
  ].join('\n');
  it('takes the first audio stream’s codec and the last decoded time', () => {
    expect(codecFromReport(report)).toBe('opus');
    expect(durationFromReport(report)).toBe(63_520);
    expect(codecFromReport('Stream #0:0: Video: h264')).toBeNull();
    expect(durationFromReport('no progress')).toBeNull();
  });
});

describe('ffmpeg from @ffmpeg-installer/ffmpeg', () => {
  it('measures a recording without a duration in its header, and converts it', async () => {
    const recording = webmOpusRecording(1.5);
    const facts = await probeAudio(recording, 'audio/webm;codecs=opus');
    expect(facts).toMatchObject({ mimeType: 'audio/webm', codec: 'opus' });
    expect(Math.abs(facts.durationMs - 1500)).toBeLessThan(60);

    const ogg = await convertAudio(recording, facts, 'ogg_opus');
    expect(ogg).toMatchObject({ mimeType: 'audio/ogg', extension: 'ogg', codec: 'opus' });
    expect(ogg.data.subarray(0, 4).toString('latin1')).toBe('OggS');
    const m4a = await convertAudio(recording, facts, 'm4a_aac');
    expect(m4a).toMatchObject({ mimeType: 'audio/mp4', extension: 'm4a', codec: 'aac' });
    expect(m4a.data.subarray(4, 11).toString('latin1')).toBe('ftypM4A');
    expect(Math.abs(m4a.durationMs - 1500)).toBeLessThan(100);
  });

  it('keeps AAC as it is when only the container changes', async () => {
    const source = m4aTone(1);
    const facts = await probeAudio(source, 'audio/mp4');
    expect(facts.codec).toBe('aac');
    expect((await convertAudio(source, facts, 'm4a_aac')).codec).toBe('aac');
  });

  it('refuses what is not audio with a reason', async () => {
    await expect(probeAudio(Buffer.from('not audio at all'), 'audio/ogg')).rejects.toBeInstanceOf(AudioError);
  });
});
