import { BadgeCheck } from 'lucide-react';

/** Where Apple's approval of a messaging service provider starts. */
export const APPLE_MSP_REGISTRATION_URL = 'https://register.apple.com/resources/messages/msp-onboarding/mspRegistration';

/**
 * Apple carries no real customer's message before it approves the provider (and reviews each
 * business's brand): said before the shop connects, and on the channel's page.
 */
export function AppleApprovalNote() {
  return (
    <div role="note" aria-label="Apple approval" className="flex gap-2 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
      <BadgeCheck className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <p>
        Apple must approve a messaging service provider before real customers can reach it: apply through Apple Business Register,
        which gives the MSP ID, the Business ID and the secret passphrase, and expect a review of your brand that can take several
        business days. Until then only the simulator talks to this channel.{' '}
        <a href={APPLE_MSP_REGISTRATION_URL} target="_blank" rel="noopener noreferrer" className="font-medium underline">
          Apple&apos;s MSP registration process
        </a>
      </p>
    </div>
  );
}
