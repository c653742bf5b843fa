// What the player receives (client-safe: types only).

export type RecordingSummary = {
  id: string;
  channelName: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** The addresses visited, in order. */
  pages: string[];
  eventCount: number;
};

/** An rrweb event as stored: its type (0–6), the page's clock, and whatever data it carries. */
export type RecordedEvent = { type: number; timestamp: number; data?: unknown; delay?: number };

/** A chat message during the visit, marked on the player's timeline. */
export type RecordingMark = { at: number; from: 'visitor' | 'agent' | 'bot'; text: string };

export type RecordingReplay = { recording: RecordingSummary; events: RecordedEvent[]; marks: RecordingMark[] };
