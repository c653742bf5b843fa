import { describe, expect, it } from 'vitest';
import { parseChannelName, realtimeChannels } from './channels';

const id = '0b7c1a52-9a3e-4a55-8d1e-3f2b6f0e9c11';

describe('parseChannelName', () => {
  it('round-trips every channel the app publishes on', () => {
    expect(parseChannelName(realtimeChannels.workspace(id))).toEqual({ scope: 'workspace', id, presence: false });
    expect(parseChannelName(realtimeChannels.workspacePresence(id))).toEqual({ scope: 'workspace', id, presence: true });
    expect(parseChannelName(realtimeChannels.conversation(id))?.scope).toBe('conversation');
    expect(parseChannelName(realtimeChannels.conversationPresence(id))?.presence).toBe(true);
    expect(parseChannelName(realtimeChannels.user(id))?.scope).toBe('user');
    expect(parseChannelName(realtimeChannels.visitor(id))?.scope).toBe('visitor');
    expect(parseChannelName(realtimeChannels.assist(id))).toEqual({ scope: 'assist', id, presence: false });
  });

  it('refuses anything else', () => {
    expect(parseChannelName(`private-workspace-${id}x`)).toBeNull();
    expect(parseChannelName(`presence-user-${id}`)).toBeNull();
    expect(parseChannelName(`presence-assist-${id}`)).toBeNull();
    expect(parseChannelName(`workspace-${id}`)).toBeNull();
    expect(parseChannelName(`private-encrypted-workspace-${id}`)).toBeNull();
    expect(parseChannelName('private-workspace-1')).toBeNull();
  });
});
