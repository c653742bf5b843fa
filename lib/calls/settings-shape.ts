// The workspace's call servers as the settings page sees them: the TURN password only as
// whether one is set. Client-safe (no zod, no database).

export type CallSettingsView = {
  stunUrls: string[];
  turnUrls: string[];
  turnUsername: string;
  /** Whether a TURN password is stored: the password itself never reaches a settings page. */
  turnCredentialSet: boolean;
};

export const EMPTY_CALL_SETTINGS: CallSettingsView = { stunUrls: [], turnUrls: [], turnUsername: '', turnCredentialSet: false };
