import { SIGNAL_CHUNK_CHARS, type CallKindView, type IceServerView } from './rules';

// The browser side of a call, shared by the inbox and the widget: a native RTCPeerConnection
// whose offer, answer and ICE candidates travel as client events on the conversation's
// assist channel. The agent offers once the visitor has answered; nothing renegotiates
// later (screen sharing replaces the camera's track on the same sender), so no "perfect
// negotiation" is needed. Client-safe: no server imports.

/** The part of a pusher-js channel a call uses. */
export type SignalChannel = {
  trigger(event: string, data: unknown): boolean;
  bind(event: string, fn: (data: never) => void): unknown;
  unbind(event: string, fn: (data: never) => void): unknown;
};

export type PeerState = 'connecting' | 'connected' | 'failed';

type SdpPiece = { callId: string; id: string; type: 'offer' | 'answer'; part: number; parts: number; data: string };
type IceBatch = { callId: string; candidates: RTCIceCandidateInit[] };

/** Candidates wait this long to go together: client events are capped at 10 per second per socket. */
const ICE_BATCH_MS = 250;
const ICE_PER_EVENT = 30;

export type CallPeerOptions = {
  callId: string;
  kind: CallKindView;
  /** The agent offers; the visitor answers. */
  role: 'caller' | 'callee';
  iceServers: IceServerView[];
  channel: SignalChannel;
  onState(state: PeerState): void;
  onRemoteStream(stream: MediaStream): void;
  /** What this side sends (camera or screen, and the microphone), for its own preview. */
  onLocalStream(stream: MediaStream): void;
  /** The other side's page closed mid-call (it said so on the channel before going). */
  onPeerLeft(): void;
};

export class CallPeer {
  readonly pc: RTCPeerConnection;
  private local: MediaStream | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private videoSender: RTCRtpSender | null = null;
  private pieces = new Map<string, string[]>();
  private outgoingIce: RTCIceCandidateInit[] = [];
  private incomingIce: RTCIceCandidateInit[] = [];
  private iceTimer: ReturnType<typeof setTimeout> | undefined;
  private mediaReady: Promise<void>;
  private resolveMedia!: () => void;
  private bound: [string, (data: never) => void][] = [];
  private closed = false;

  constructor(private readonly opts: CallPeerOptions) {
    this.pc = new RTCPeerConnection({ iceServers: opts.iceServers });
    this.mediaReady = new Promise((resolve) => (this.resolveMedia = resolve));
    this.pc.onicecandidate = (e) => {
      if (!e.candidate) return;
      this.outgoingIce.push(e.candidate.toJSON());
      this.iceTimer ??= setTimeout(() => this.flushIce(), ICE_BATCH_MS);
    };
    this.pc.ontrack = (e) => opts.onRemoteStream(e.streams[0] ?? new MediaStream([e.track]));
    this.pc.onconnectionstatechange = () => {
      const state = this.pc.connectionState;
      if (state === 'connected') opts.onState('connected');
      else if (state === 'failed') opts.onState('failed');
    };
    // Bound before anything is sent, so the other side's first event is never missed.
    this.on('client-call-sdp', (piece: SdpPiece) => void this.receiveSdp(piece));
    this.on('client-call-ice', (batch: IceBatch) => void this.receiveIce(batch));
    this.on('client-call-hangup', (data: { callId?: string }) => {
      if (data?.callId === opts.callId) opts.onPeerLeft();
    });
  }

  /** Opens the camera (video calls) and the microphone and adds them to the connection. */
  async openMedia(): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: this.opts.kind === 'video' });
    if (this.closed) return stopAll(stream);
    this.local = stream;
    for (const track of stream.getTracks()) {
      const sender = this.pc.addTrack(track, stream);
      if (track.kind === 'video') {
        this.camera = track;
        this.videoSender = sender;
      }
    }
    this.opts.onLocalStream(stream);
  }

  /**
   * Lets the exchange go on: the caller right after opening its media; the visitor once the
   * server took its answer and handed over the call's servers (set before any candidate is
   * gathered, since gathering starts with this side's description).
   */
  ready(iceServers?: IceServerView[]) {
    if (iceServers) this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
    this.opts.onState('connecting');
    this.resolveMedia();
  }

  /** The caller's offer, once the other side has answered the ring. */
  async offer(): Promise<void> {
    await this.mediaReady;
    await this.pc.setLocalDescription(await this.pc.createOffer());
    this.sendSdp();
  }

  setMuted(muted: boolean) {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  setCameraOff(off: boolean) {
    if (this.camera) this.camera.enabled = !off;
  }

  /** Sends the screen instead of the camera, on the same sender (no renegotiation). */
  async shareScreen(onStopped: () => void): Promise<void> {
    if (!this.videoSender) return;
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    if (!track || this.closed) return stopAll(display);
    this.screen = track;
    await this.videoSender.replaceTrack(track);
    // The browser's own "Stop sharing" ends the track: back to the camera.
    track.onended = () => void this.stopScreen().then(onStopped);
    this.opts.onLocalStream(new MediaStream([track, ...(this.local?.getAudioTracks() ?? [])]));
  }

  async stopScreen(): Promise<void> {
    if (!this.screen) return;
    const screen = this.screen;
    this.screen = null;
    screen.onended = null;
    screen.stop();
    await this.videoSender?.replaceTrack(this.camera);
    if (this.local) this.opts.onLocalStream(this.local);
  }

  /** Tells the other side this page is going (an unload), before the server hears of it. */
  announceLeaving() {
    this.opts.channel.trigger('client-call-hangup', { callId: this.opts.callId });
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.iceTimer);
    for (const [event, fn] of this.bound) this.opts.channel.unbind(event, fn);
    this.screen?.stop();
    if (this.local) stopAll(this.local);
    this.pc.close();
  }

  private on<T>(event: string, fn: (data: T) => void) {
    const handler = fn as (data: never) => void;
    this.opts.channel.bind(event, handler);
    this.bound.push([event, handler]);
  }

  private sendSdp() {
    const description = this.pc.localDescription;
    if (!description || this.closed) return;
    const id = Math.random().toString(36).slice(2);
    const parts = Math.max(1, Math.ceil(description.sdp.length / SIGNAL_CHUNK_CHARS));
    for (let part = 0; part < parts; part++) {
      const data = description.sdp.slice(part * SIGNAL_CHUNK_CHARS, (part + 1) * SIGNAL_CHUNK_CHARS);
      this.opts.channel.trigger('client-call-sdp', { callId: this.opts.callId, id, type: description.type as SdpPiece['type'], part, parts, data } satisfies SdpPiece);
    }
  }

  private async receiveSdp(piece: SdpPiece) {
    if (piece?.callId !== this.opts.callId || this.closed) return;
    const got = this.pieces.get(piece.id) ?? new Array<string>(piece.parts);
    got[piece.part] = piece.data;
    this.pieces.set(piece.id, got);
    if (got.filter((p) => p !== undefined).length < piece.parts) return;
    this.pieces.delete(piece.id);
    await this.mediaReady;
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: piece.type, sdp: got.join('') });
    for (const candidate of this.incomingIce.splice(0)) await this.pc.addIceCandidate(candidate);
    if (piece.type === 'offer') {
      await this.pc.setLocalDescription(await this.pc.createAnswer());
      this.sendSdp();
    }
  }

  private async receiveIce(batch: IceBatch) {
    if (batch?.callId !== this.opts.callId || this.closed) return;
    // Candidates can outrun the description they belong to: kept until it is set.
    if (!this.pc.remoteDescription) return void this.incomingIce.push(...batch.candidates);
    for (const candidate of batch.candidates) await this.pc.addIceCandidate(candidate);
  }

  private flushIce() {
    this.iceTimer = undefined;
    if (this.closed) return;
    const batch = this.outgoingIce.splice(0, ICE_PER_EVENT);
    if (batch.length) this.opts.channel.trigger('client-call-ice', { callId: this.opts.callId, candidates: batch } satisfies IceBatch);
    if (this.outgoingIce.length) this.iceTimer = setTimeout(() => this.flushIce(), ICE_BATCH_MS);
  }
}

function stopAll(stream: MediaStream) {
  for (const track of stream.getTracks()) track.stop();
}
