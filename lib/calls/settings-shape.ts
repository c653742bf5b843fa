// The workspace's call servers as the settings page sees them: the TURN password only as
// whether one is set. Client-safe (no zod, no database).

export type TurnAuth = 'password' | 'shared_secret';

export type CallSettingsView = {
  stunUrls: string[];
  turnUrls: string[];
  turnAuth: TurnAuth;
  turnUsername: string;
  /** Whether a TURN password (or shared secret) is stored: it never reaches a settings page. */
  turnCredentialSet: boolean;
};

export const EMPTY_CALL_SETTINGS: CallSettingsView = { stunUrls: [], turnUrls: [], turnAuth: 'password', turnUsername: '', turnCredentialSet: false };
