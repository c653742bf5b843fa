'use client';

import Link from 'next/link';
import { useId } from 'react';
import { WIDGET_LANGUAGE_NAMES, WIDGET_LANGUAGES, type WidgetLanguage } from '@/lib/widget/i18n';
import { replyTimePhrase } from '@/lib/widget/reply-time';
import { WIDGET_ICONS, WIDGET_LIMITS, type ReplyTimeSetting } from '@/lib/widget/settings-shape';
import type { WidgetLauncherIcon, WidgetTheme } from '@/lib/widget/types';
import { en } from '@/lib/widget/i18n/en';
import { CheckboxField, FieldError, NumberField, SelectField, TextField, inputClass } from '@/components/ui/form-kit';
import { LauncherIcon } from './launcher-preview';
import { LogoField } from './logo-field';
import type { DraftProps } from './draft';

// The settings form's groups of fields, each controlled by the draft in widget-form.tsx.

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-base font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

function Radios<V extends string>({
  legend,
  name,
  value,
  choices,
  onValueChange,
  error,
}: {
  legend: string;
  name: string;
  value: V;
  choices: readonly (readonly [V, React.ReactNode])[];
  onValueChange(value: V): void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2 text-sm">
        {choices.map(([v, label]) => (
          <label key={v} className="flex items-center gap-2">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onValueChange(v)} /> {label}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

const ICON_NAMES: Record<WidgetLauncherIcon, string> = { chat: 'Speech bubble', help: 'Question mark', message: 'Message', headset: 'Headset' };
const THEMES: readonly (readonly [WidgetTheme, string])[] = [
  ['light', 'Light'],
  ['dark', 'Dark'],
  ['auto', "Automatic (follows the visitor's system)"],
];

function ColorField({ draft, set, fieldError }: DraftProps) {
  const id = useId();
  const valid = /^#[0-9a-fA-F]{6}$/.test(draft.color);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Brand colour
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          type="color"
          aria-label="Pick the brand colour"
          value={valid ? draft.color.toLowerCase() : '#000000'}
          onChange={(e) => set('color', e.target.value)}
          className="h-10 w-14 shrink-0 rounded border border-slate-300"
        />
        <input
          id={id}
          name="color"
          value={draft.color}
          onChange={(e) => set('color', e.target.value)}
          maxLength={20}
          spellCheck={false}
          aria-invalid={Boolean(fieldError('color'))}
          aria-describedby={fieldError('color') ? `${id}-error` : undefined}
          className={`${inputClass} mt-0 w-32 font-mono`}
        />
      </div>
      <FieldError id={`${id}-error`} message={fieldError('color')} />
    </div>
  );
}

export function AppearanceFields(props: DraftProps) {
  const { draft, set, fieldError } = props;
  return (
    <Section title="Look">
      <TextField label="Title" name="title" required maxLength={WIDGET_LIMITS.title} value={draft.title} onValueChange={(v) => set('title', v)} error={fieldError('title')} />
      <TextField
        label="Subtitle"
        name="subtitle"
        maxLength={WIDGET_LIMITS.subtitle}
        value={draft.subtitle}
        onValueChange={(v) => set('subtitle', v)}
        error={fieldError('subtitle')}
        hint="Under the title, e.g. “We answer in English and Thai”."
      />
      <TextField
        label="Welcome message"
        name="greeting"
        multiline
        rows={3}
        required
        maxLength={WIDGET_LIMITS.greeting}
        showCount
        value={draft.greeting}
        onValueChange={(v) => set('greeting', v)}
        error={fieldError('greeting')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <ColorField {...props} />
        <SelectField label="Theme" name="theme" value={draft.theme} choices={THEMES} onValueChange={(v) => set('theme', v)} error={fieldError('theme')} />
      </div>
      <Radios
        legend="Launcher position"
        name="position"
        value={draft.position}
        choices={[
          ['right', 'Bottom right'],
          ['left', 'Bottom left'],
        ]}
        onValueChange={(v) => set('position', v)}
        error={fieldError('position')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField label="Distance from the side (px)" name="offsetX" min={0} max={WIDGET_LIMITS.offsetMax} value={draft.offsetX} onValueChange={(v) => set('offsetX', v)} error={fieldError('offsetX')} />
        <NumberField label="Distance from the bottom (px)" name="offsetY" min={0} max={WIDGET_LIMITS.offsetMax} value={draft.offsetY} onValueChange={(v) => set('offsetY', v)} error={fieldError('offsetY')} />
      </div>
      <Radios
        legend="Launcher icon"
        name="icon"
        value={draft.icon}
        choices={WIDGET_ICONS.map((icon) => [icon, <span key={icon} className="flex items-center gap-1.5"><LauncherIcon icon={icon} size={18} />{ICON_NAMES[icon]}</span>] as const)}
        onValueChange={(v) => set('icon', v)}
        error={fieldError('icon')}
      />
      <TextField
        label="Launcher label"
        name="label"
        maxLength={WIDGET_LIMITS.label}
        value={draft.label}
        onValueChange={(v) => set('label', v)}
        error={fieldError('label')}
        hint="Text beside the icon, like “Chat with us”. Leave empty for the icon alone."
      />
    </Section>
  );
}

const REPLY_TIMES: readonly (readonly [ReplyTimeSetting, string])[] = [
  ['none', 'Do not show'],
  ['minutes', en.replyMinutes],
  ['hour', en.replyHour],
  ['day', en.replyDay],
  ['computed', 'Computed from the last 7 days'],
];

export function RepliesFields({ draft, set, fieldError, computedMedianSeconds }: DraftProps & { computedMedianSeconds: number | null }) {
  const computed = replyTimePhrase(computedMedianSeconds);
  return (
    <Section title="Replies">
      <Radios
        legend="Sign replies with"
        name="agentDisplay"
        value={draft.agentDisplay}
        choices={[
          ['agents', "Agents' names"],
          ['pictures', "Agents' names and pictures"],
          ['shop', "The shop's name and logo"],
        ]}
        onValueChange={(v) => set('agentDisplay', v)}
        error={fieldError('agentDisplay')}
      />
      {draft.agentDisplay === 'shop' && <LogoField value={draft.logo} maxBytes={WIDGET_LIMITS.logoBytes} error={fieldError('logo')} onValueChange={(v) => set('logo', v)} />}
      <SelectField
        label="Reply time"
        name="replyTime"
        value={draft.replyTime}
        choices={REPLY_TIMES}
        onValueChange={(v) => set('replyTime', v)}
        error={fieldError('replyTime')}
        hint={
          draft.replyTime === 'computed'
            ? computed
              ? `Now: “${en[computed]}” (median first response of the last 7 days, updated every few minutes).`
              : 'No replies in the last 7 days yet: nothing is shown until there are.'
            : 'Shown under the title while someone is available.'
        }
      />
    </Section>
  );
}

export function LanguageFields({ draft, set, fieldError }: DraftProps) {
  return (
    <Section title="Language">
      <SelectField
        label="Language of the chat's own texts"
        name="language"
        value={draft.language}
        choices={WIDGET_LANGUAGES.map((l) => [l, WIDGET_LANGUAGE_NAMES[l]] as const)}
        onValueChange={(v) => set('language', v as WidgetLanguage)}
        error={fieldError('language')}
        hint="Buttons, placeholders and notices. Your title and messages stay as you write them."
      />
      <CheckboxField
        name="followBrowserLanguage"
        label="Use the visitor's browser language when the chat has it"
        checked={draft.followBrowserLanguage}
        onCheckedChange={(v) => set('followBrowserLanguage', v)}
      />
    </Section>
  );
}

export function AvailabilityFields({ draft, set, fieldError, slug }: DraftProps & { slug?: string }) {
  return (
    <Section title="Availability">
      <p className="text-sm text-slate-600">
        The chat counts as available when someone is online and set to available
        {draft.followBusinessHours ? ', within your business hours' : ''}.
      </p>
      <CheckboxField
        name="followBusinessHours"
        label={
          <>
            Follow the business hours{' '}
            {slug && (
              <Link href={`/w/${slug}/settings/business-hours`} className="text-brand-600 hover:underline">
                (edit them)
              </Link>
            )}
          </>
        }
        checked={draft.followBusinessHours}
        onCheckedChange={(v) => set('followBusinessHours', v)}
      />
      <CheckboxField name="hideWhenUnavailable" label="Hide the launcher while nobody is available" checked={draft.hideWhenUnavailable} onCheckedChange={(v) => set('hideWhenUnavailable', v)} />
      <Radios
        legend="While nobody is available, visitors"
        name="offlineMode"
        value={draft.offlineMode}
        choices={[
          ['chat', 'can chat anyway'],
          ['form', 'see a form for their email and message'],
        ]}
        onValueChange={(v) => set('offlineMode', v)}
        error={fieldError('offlineMode')}
      />
      <TextField
        label="Away message"
        name="awayMessage"
        multiline
        rows={2}
        maxLength={WIDGET_LIMITS.awayMessage}
        showCount
        value={draft.awayMessage}
        onValueChange={(v) => set('awayMessage', v)}
        error={fieldError('awayMessage')}
        hint="Shown at the top while nobody is available. Empty: a standard message in the chat's language."
      />
    </Section>
  );
}

export function OriginsField({ draft, set, fieldError }: DraftProps) {
  return (
    <Section title="Where the chat may appear">
      <TextField
        label="Allowed sites"
        name="allowedOrigins"
        multiline
        rows={3}
        value={draft.origins}
        onValueChange={(v) => set('origins', v)}
        error={fieldError('allowedOrigins')}
        hint={
          <>
            One address per line, like <code>https://shop.example.com</code> or <code>https://*.example.com</code>. The chat only appears on these sites; leave empty to allow any
            site.
          </>
        }
      />
    </Section>
  );
}

/** A feature the shop turns on for this chat: its checkbox, what it does, and its own settings below. */
function FeatureSection({
  title,
  name,
  label,
  checked,
  onCheckedChange,
  about,
  children,
}: {
  title: string;
  name: string;
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  about: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <Section title={title}>
      <CheckboxField name={name} label={label} checked={checked} onCheckedChange={onCheckedChange} />
      <p className="text-sm text-slate-600">{about}</p>
      {children}
    </Section>
  );
}

export function TranscriptField({ draft, set, slug, mailReady }: DraftProps & { slug?: string; mailReady: boolean }) {
  return (
    <FeatureSection
      title="Transcripts"
      name="transcriptEmail"
      label="Let visitors email themselves the transcript"
      checked={draft.transcriptEmail}
      onCheckedChange={(v) => set('transcriptEmail', v)}
      about={
        mailReady ? (
          'The chat shows “Email me the transcript”; the email is sent from your shop’s address with its name.'
        ) : (
          <>
            The button shows once your shop can send email:{' '}
            {slug ? (
              <Link href={`/w/${slug}/settings/email`} className="text-brand-600 hover:underline">
                set up Email (SMTP)
              </Link>
            ) : (
              'set up Email (SMTP) in Settings'
            )}
            .
          </>
        )
      }
    />
  );
}

export function RecordingFields({ draft, set, fieldError }: DraftProps) {
  return (
    <FeatureSection
      title="Visit recordings"
      name="recordings"
      label="Record visitors’ visits to the shop’s pages"
      checked={draft.recordings}
      onCheckedChange={(v) => set('recordings', v)}
      about={
        <>
          Agents can replay what a visitor saw, from the customer panel. Everything typed into fields is hidden, and so is any part of your pages marked{' '}
          <code>data-baton-private</code>. The chat tells visitors: “{en.recordingNotice}”
        </>
      }
    >
      {draft.recordings && (
        <>
          <TextField
            label="Your privacy text"
            name="recordingNotice"
            multiline
            rows={2}
            value={draft.recordingNotice}
            onValueChange={(v) => set('recordingNotice', v)}
            error={fieldError('recordingNotice')}
            hint="Shown to the visitor after the notice above, like a link to your privacy policy in words."
          />
          <NumberField
            label="Keep recordings for (days)"
            name="recordingRetentionDays"
            min={WIDGET_LIMITS.retentionDaysMin}
            max={WIDGET_LIMITS.retentionDaysMax}
            value={draft.recordingRetentionDays}
            onValueChange={(v) => set('recordingRetentionDays', v)}
            error={fieldError('recordingRetentionDays')}
          />
        </>
      )}
      {!draft.recordings && (
        <>
          <input type="hidden" name="recordingNotice" value={draft.recordingNotice} />
          <input type="hidden" name="recordingRetentionDays" value={draft.recordingRetentionDays ?? 30} />
        </>
      )}
    </FeatureSection>
  );
}

export function CallFields({ draft, set }: DraftProps) {
  return (
    <FeatureSection
      title="Calls"
      name="calls"
      label="Let agents call visitors (video or voice)"
      checked={draft.calls}
      onCheckedChange={(v) => set('calls', v)}
      about="Agents start a call from the conversation; it rings in the visitor’s chat, who accepts or declines. The browser asks the visitor for their camera and microphone."
    />
  );
}

export function CobrowseField({ draft, set }: DraftProps) {
  return (
    <FeatureSection
      title="Co-browsing"
      name="cobrowse"
      label="Let agents ask to see the visitor’s page (co-browsing)"
      checked={draft.cobrowse}
      onCheckedChange={(v) => set('cobrowse', v)}
      about={
        <>
          “Ask for co-browsing” in a website conversation asks the visitor first; once they accept, the agent sees their page live and can point at things, but never types into it. Fields and parts marked{' '}
          <code>data-baton-private</code> stay hidden, and the visitor can stop at any time.
        </>
      }
    />
  );
}
