import type { MediaLimits } from '../shared/media-limits';

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
} as const;

const MB = 1024 * 1024;

/** Apple's MSP interface takes an attachment of any type up to 100 MB (AES-CTR keeps the size). */
export const APPLE_MEDIA_LIMITS: MediaLimits = {
  image: { mimeTypes: [], maxBytes: 100 * MB, formats: 'any format' },
  video: { mimeTypes: [], maxBytes: 100 * MB, formats: 'any format' },
  audio: { mimeTypes: [], maxBytes: 100 * MB, formats: 'any format' },
  file: { mimeTypes: [], maxBytes: 100 * MB, formats: 'any format' },
};
