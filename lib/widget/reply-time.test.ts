import { describe, expect, it } from 'vitest';
import { replyTimeKey, replyTimePhrase } from './reply-time';

describe('reply time phrasing', () => {
  it('rounds the median first response to what a visitor cares about', () => {
    expect(replyTimePhrase(null)).toBeNull();
    expect(replyTimePhrase(Number.NaN)).toBeNull();
    expect(replyTimePhrase(0)).toBe('replyMinutes');
    expect(replyTimePhrase(10 * 60)).toBe('replyMinutes');
    expect(replyTimePhrase(10 * 60 + 1)).toBe('replyHour');
    expect(replyTimePhrase(3600)).toBe('replyHour');
    expect(replyTimePhrase(3 * 3600)).toBe('replyHours');
    expect(replyTimePhrase(4 * 3600 + 1)).toBe('replyDay');
    expect(replyTimePhrase(3 * 86400)).toBe('replyDay');
  });

  it('uses the shop’s fixed choice, or the computed median only when asked', () => {
    expect(replyTimeKey('none', 60)).toBeNull();
    expect(replyTimeKey('minutes', null)).toBe('replyMinutes');
    expect(replyTimeKey('hour', 60)).toBe('replyHour');
    expect(replyTimeKey('day', 60)).toBe('replyDay');
    expect(replyTimeKey('computed', 60)).toBe('replyMinutes');
    expect(replyTimeKey('computed', null)).toBeNull();
  });
});
