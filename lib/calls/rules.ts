// Client-safe: the numbers both ends and the server agree on.

/** A call not answered within this long is a missed call (the agent's side ends it then). */
export const RING_TIMEOUT_MS = 30_000;
/**
 * A call still ringing after this long has lost the side that should have ended it (the
 * agent's tab closed while ringing): starting another call ends it as missed first.
 */
export const STALE_RING_MS = 45_000;

/** Client events on the assist channel carry at most 10 KB: an SDP is sent in pieces of this size. */
export const SIGNAL_CHUNK_CHARS = 8_000;

export type CallKindView = 'video' | 'voice';

/** What a side of a call learns when it starts or answers: the call and where to find a path. */
export type CallJoin = {
  callId: string;
  conversationId: string;
  kind: CallKindView;
  iceServers: IceServerView[];
};

export type IceServerView = { urls: string[]; username?: string; credential?: string };

/** A ringing or active call, as the widget and the inbox are told of it. */
export type CallView = {
  id: string;
  conversationId: string;
  kind: CallKindView;
  status: 'ringing' | 'active' | 'ended';
  agentName: string | null;
};
