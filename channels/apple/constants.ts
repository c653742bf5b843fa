/** Apple's own interactive-message extension: list pickers, time pickers and quick replies carry it as `bid`. */
export const APPLE_INTERACTIVE_BID =
  'com.apple.messages.MSMessageExtensionBalloonPlugin:0000000000:com.apple.icloud.apps.messages.business.extension';

/** The attachment placeholder Apple puts in a text's body, one per attachment. */
export const ATTACHMENT_MARK = '\uFFFC';

/** Where Apple's approval of a messaging service provider starts. */
export const APPLE_MSP_REGISTRATION_URL = 'https://register.apple.com/resources/messages/msp-onboarding/mspRegistration';

export const APPLE_LIMITS = {
  /** Apple publishes no text limit; this keeps a message readable in one bubble. */
  text: 10_000,
  /** List picker items offered for quick replies and buttons. */
  listItems: 12,
  itemTitle: 80,
  identifier: 256,
  /** Apple's MSP interface takes attachments up to 100 MB (its size is the encrypted file's). */
  attachmentBytes: 100 * 1024 * 1024,
} as const;
