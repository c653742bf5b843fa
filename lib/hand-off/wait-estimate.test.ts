import { describe, expect, it } from 'vitest';
import { describeWait, estimateWaitMs, MAX_ESTIMATE_MS, median, MIN_SAMPLES } from './wait-estimate';

const min = (n: number) => n * 60_000;

describe('estimateWaitMs', () => {
  const roomy = { waitingAhead: 0, agentsAvailable: 2, freeSlots: 10 };

  it('is the median of recent waits while the available agents have room', () => {
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: [min(2), min(4), min(30)] })).toBe(min(4));
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: [min(2), min(4), min(6), min(8)] })).toBe(min(5));
    expect(estimateWaitMs({ recentWaitsMs: [min(2), min(4), min(30)], waitingAhead: 4, agentsAvailable: 1, freeSlots: 5 })).toBe(min(4));
  });

  it('says nothing without enough answered hand-offs', () => {
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: [] })).toBeNull();
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: Array(MIN_SAMPLES - 1).fill(min(3)) })).toBeNull();
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: Array(MIN_SAMPLES).fill(min(3)) })).toBe(min(3));
  });

  it('says nothing when nobody can take the request now', () => {
    expect(estimateWaitMs({ recentWaitsMs: [min(1), min(2), min(3)], waitingAhead: 0, agentsAvailable: 0, freeSlots: 0 })).toBeNull();
  });

  it('adds a round per available agent for the requests beyond their room', () => {
    const basis = { recentWaitsMs: [min(3), min(3), min(3)] };
    // Full agents: this request waits for one of them to free up.
    expect(estimateWaitMs({ ...basis, waitingAhead: 0, agentsAvailable: 2, freeSlots: 0 })).toBe(min(6));
    // Room for two of five: three beyond, two agents: two more rounds.
    expect(estimateWaitMs({ ...basis, waitingAhead: 4, agentsAvailable: 2, freeSlots: 2 })).toBe(min(9));
    expect(estimateWaitMs({ ...basis, waitingAhead: 5, agentsAvailable: 1, freeSlots: 0 })).toBe(min(21));
  });

  it('ignores impossible samples and gives up beyond a day', () => {
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: [min(2), -5, Number.NaN, min(2), min(2)] })).toBe(min(2));
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: [min(2), -5, Number.NaN] })).toBeNull();
    expect(estimateWaitMs({ ...roomy, recentWaitsMs: [MAX_ESTIMATE_MS, MAX_ESTIMATE_MS, MAX_ESTIMATE_MS] })).toBe(MAX_ESTIMATE_MS);
    expect(estimateWaitMs({ recentWaitsMs: [min(600), min(600), min(600)], waitingAhead: 3, agentsAvailable: 1, freeSlots: 0 })).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('describeWait', () => {
  it('rounds to what a customer can use', () => {
    expect(describeWait(10_000)).toBe('about a minute');
    expect(describeWait(min(1.4))).toBe('about a minute');
    expect(describeWait(min(4))).toBe('about 4 minutes');
    expect(describeWait(min(10))).toBe('about 10 minutes');
    expect(describeWait(min(13))).toBe('about 15 minutes');
    expect(describeWait(min(52))).toBe('about 50 minutes');
    expect(describeWait(min(58))).toBe('about an hour');
    expect(describeWait(min(100))).toBe('about 2 hours');
    expect(describeWait(min(23 * 60))).toBe('about 23 hours');
  });
});
