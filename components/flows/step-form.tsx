'use client';

import { useId } from 'react';
import { CheckboxField, NumberField, SecondaryButton, SelectField, TextField } from '@/components/ui/form-kit';
import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import type { Condition, SaveTarget } from '@/lib/flows/definition';
import type { StepDraft, StepOf } from './model';
import { ShowFormStepForm } from './show-form-step';
import { useTimeZone } from '@/components/time/time-zone';
import { zoneLabel } from '@/lib/time/format';

export type BuilderOptions = {
  products: { id: string; name: string }[];
  collections: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  flows: { id: string; name: string }[];
  /** Published articles (a draft cannot be sent). */
  articles: { id: string; name: string }[];
};

type Props<T extends StepDraft['type']> = {
  step: StepOf<T>;
  stepIds: string[];
  options: BuilderOptions;
  onChange: (step: StepDraft) => void;
};

const small = 'text-xs font-normal text-slate-500';

/** Which step comes next: any step, or none (the flow ends / the default applies). */
export function NextSelect({ label, value, onChange, stepIds, none = 'End the flow', required }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; stepIds: string[]; none?: string; required?: boolean }) {
  const known = !value || stepIds.includes(value);
  return (
    <SelectField label={label} value={value ?? ''} onValueChange={(v) => onChange(v || undefined)} invalid={(required && !value) || !known}>
      <option value="">{required ? 'Choose a step…' : none}</option>
      {!known && <option value={value}>{value} (missing)</option>}
      {stepIds.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </SelectField>
  );
}

/** One of the workspace's products, collections, teams or flows, or none. */
function Pick({ label, value, onChange, items, none }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; items: { id: string; name: string }[]; none: string }) {
  return (
    <SelectField label={label} value={value ?? ''} onValueChange={(v) => onChange(v || undefined)} choices={items.map((i) => [i.id, i.name] as const)}>
      <option value="">{none}</option>
      {value && !items.some((i) => i.id === value) && <option value={value}>Unknown ({value.slice(0, 8)}…)</option>}
    </SelectField>
  );
}

const grid = 'grid gap-3 sm:grid-cols-2';

/** Drops keys whose value is undefined (optional fields left empty). */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** "No priority" removes the conversation's priority. */
const priorityChoices = Object.entries(PRIORITY_LABELS) as [keyof typeof PRIORITY_LABELS, string][];

/** An optional text field: empty means absent. */
const opt = (v: string) => (v === '' ? undefined : v);

/** The form of one step, by kind. */
export function StepForm({ step, stepIds, options, onChange }: { step: StepDraft; stepIds: string[]; options: BuilderOptions; onChange: (step: StepDraft) => void }) {
  const props = { stepIds, options, onChange };
  switch (step.type) {
    case 'message':
      return <MessageForm step={step} {...props} />;
    case 'ask_choice':
      return <AskChoiceForm step={step} {...props} />;
    case 'ask_input':
      return <AskInputForm step={step} {...props} />;
    case 'condition':
      return <ConditionForm step={step} {...props} />;
    case 'tag':
      return (
        <div className={grid}>
          <SelectField label="Action" value={step.action} onValueChange={(action) => onChange({ ...step, action })} choices={[['add', 'Add the tag'], ['remove', 'Remove the tag']] as const} />
          <TextField label="Tag" value={step.tag} maxLength={40} onValueChange={(tag) => onChange({ ...step, tag })} />
          <NextSelect label="Then" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
        </div>
      );
    case 'set_data':
      return (
        <div className={grid}>
          <TextField label="Custom data field" value={step.key} maxLength={60} onValueChange={(key) => onChange({ ...step, key })} />
          <TextField label="Value" hint="{{variables}} allowed" value={step.value} maxLength={500} onValueChange={(value) => onChange({ ...step, value })} />
          <NextSelect label="Then" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
        </div>
      );
    case 'set_priority':
      return (
        <div className={grid}>
          <SelectField label="Priority" value={step.priority} onValueChange={(priority) => onChange({ ...step, priority })} choices={priorityChoices} />
          <NextSelect label="Then" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
        </div>
      );
    case 'show_products':
      return <ShowProductsForm step={step} {...props} />;
    case 'checkout':
      return <CheckoutForm step={step} {...props} />;
    case 'send_article':
      return (
        <div className={grid}>
          <TextField label="Text before the article" hint="optional" multiline maxLength={2000} value={step.text ?? ''} onValueChange={(text) => onChange(clean({ ...step, text: opt(text) }))} />
          <Pick label="Article" value={step.articleId || undefined} items={options.articles} none={options.articles.length ? 'Choose an article…' : 'No published articles yet'} onChange={(articleId) => onChange({ ...step, articleId: articleId ?? '' })} />
          <NextSelect label="Then" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
        </div>
      );
    case 'hand_off':
      return (
        <div className={grid}>
          <TextField label="Message to the customer" hint="optional" multiline maxLength={2000} value={step.message ?? ''} onValueChange={(message) => onChange(clean({ ...step, message: opt(message) }))} />
          <Pick label="Team" value={step.teamId} items={options.teams} none="Requests (any agent)" onChange={(teamId) => onChange(clean({ ...step, teamId }))} />
        </div>
      );
    case 'goto_flow':
      return <Pick label="Flow" value={step.flowId || undefined} items={options.flows} none="Choose a flow…" onChange={(flowId) => onChange({ ...step, flowId: flowId ?? '' })} />;
    case 'wait':
      return <NextSelect label="Then, after the customer's next message" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />;
    case 'show_form':
      return <ShowFormStepForm step={step} onChange={onChange} next={<NextSelect label="Then, once answered" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />} />;
    case 'end':
      return <TextField label="Last message" hint="optional" multiline maxLength={2000} value={step.message ?? ''} onValueChange={(message) => onChange(clean({ ...step, message: opt(message) }))} />;
  }
}

function MessageForm({ step, stepIds, onChange }: Props<'message'>) {
  const c = step.content;
  const setKind = (kind: 'text' | 'image' | 'file') =>
    onChange({ ...step, content: kind === 'text' ? { kind, text: c.kind === 'text' ? c.text : '' } : { kind, url: c.kind === 'text' ? '' : c.url } });
  return (
    <div className="space-y-3">
      <SelectField label="Message" value={c.kind} onValueChange={setKind} choices={[['text', 'Text'], ['image', 'Image'], ['file', 'File']] as const} />
      {c.kind === 'text' ? (
        <TextField label="Text" hint="{{contact.first_name}} and other variables" multiline maxLength={2000} value={c.text} onValueChange={(text) => onChange({ ...step, content: { ...c, text } })} />
      ) : (
        <div className={grid}>
          <TextField label={c.kind === 'image' ? 'Image URL' : 'File URL'} type="url" placeholder="https://" value={c.url} onValueChange={(url) => onChange({ ...step, content: { ...c, url } })} />
          {c.kind === 'image' ? (
            <TextField label="Caption" hint="optional" maxLength={1000} value={c.caption ?? ''} onValueChange={(caption) => onChange({ ...step, content: clean({ ...c, caption: opt(caption) }) })} />
          ) : (
            <TextField label="File name" hint="optional" maxLength={200} value={c.name ?? ''} onValueChange={(name) => onChange({ ...step, content: clean({ ...c, name: opt(name) }) })} />
          )}
        </div>
      )}
      <NextSelect label="Then" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
    </div>
  );
}

function RetryFields({ step, stepIds, onChange }: { step: StepOf<'ask_choice'> | StepOf<'ask_input'>; stepIds: string[]; onChange: (s: StepDraft) => void }) {
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">When the answer is not valid</legend>
      <div className={grid}>
        <TextField label="Re-ask with" hint="optional" maxLength={500} value={step.invalidText ?? ''} onValueChange={(invalidText) => onChange(clean({ ...step, invalidText: opt(invalidText) }))} />
        <NumberField label="Attempts" min={1} max={10} value={step.maxAttempts} onValueChange={(maxAttempts) => onChange(clean({ ...step, maxAttempts }))} />
        <NextSelect label="After the last attempt" none="Hand off to a human" value={step.onInvalid} stepIds={stepIds} onChange={(onInvalid) => onChange(clean({ ...step, onInvalid }))} />
      </div>
    </fieldset>
  );
}

function SaveTo({ value, onChange, optional }: { value: SaveTarget | undefined; onChange: (v: SaveTarget | undefined) => void; optional?: boolean }) {
  const kind = value?.kind ?? 'none';
  const choices = [...(optional ? ([['none', 'Do not save']] as const) : []), ['custom_data', 'Custom data field'], ['tag', 'A tag'], ['variable', 'A flow variable']] as const;
  return (
    <div className={grid}>
      <SelectField
        label="Save the answer to"
        value={kind}
        choices={choices}
        onValueChange={(k) => onChange(k === 'none' ? undefined : k === 'custom_data' ? { kind: k, key: '' } : k === 'tag' ? { kind: k } : { kind: k, name: '' })}
      />
      {value?.kind === 'custom_data' && <TextField label="Field" maxLength={60} value={value.key} onValueChange={(key) => onChange({ ...value, key })} />}
      {value?.kind === 'tag' && <TextField label="Tag" hint="empty: the answer itself" maxLength={40} value={value.tag ?? ''} onValueChange={(tag) => onChange(clean({ ...value, tag: opt(tag) }))} />}
      {value?.kind === 'variable' && <TextField label="Variable name" maxLength={60} value={value.name} onValueChange={(name) => onChange({ ...value, name })} />}
    </div>
  );
}

function AskChoiceForm({ step, stepIds, onChange }: Props<'ask_choice'>) {
  const setOption = (i: number, patch: Partial<(typeof step.options)[number]>) => onChange({ ...step, options: step.options.map((o, j) => (j === i ? clean({ ...o, ...patch }) : o)) });
  const move = (i: number, d: -1 | 1) => {
    const options = [...step.options];
    if (i + d < 0 || i + d >= options.length) return;
    [options[i], options[i + d]] = [options[i + d]!, options[i]!];
    onChange({ ...step, options });
  };
  return (
    <div className="space-y-3">
      <TextField label="Question" multiline maxLength={2000} value={step.text} onValueChange={(text) => onChange({ ...step, text })} />
      <SelectField label="Show the choices as" value={step.style ?? 'quick_replies'} onValueChange={(style) => onChange({ ...step, style })} choices={[['quick_replies', 'Quick replies'], ['buttons', 'Buttons']] as const} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Choices</legend>
        <ol className="space-y-2">
          {step.options.map((o, i) => (
            <li key={i} className="rounded-md border border-slate-200 p-2">
              <div className="grid gap-2 sm:grid-cols-3">
                <TextField label={`Choice ${i + 1}`} maxLength={40} value={o.title} onValueChange={(title) => setOption(i, { title })} />
                <TextField label="Payload" hint="optional" maxLength={200} value={o.payload ?? ''} onValueChange={(payload) => setOption(i, { payload: opt(payload) })} />
                <NextSelect label="Goes to" value={o.next} stepIds={stepIds} onChange={(next) => setOption(i, { next })} />
              </div>
              <div className="mt-2 flex flex-wrap gap-1">
                <SecondaryButton type="button" aria-label={`Move choice ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </SecondaryButton>
                <SecondaryButton type="button" aria-label={`Move choice ${i + 1} down`} disabled={i === step.options.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </SecondaryButton>
                <SecondaryButton type="button" aria-label={`Remove choice ${i + 1}`} disabled={step.options.length <= 1} onClick={() => onChange({ ...step, options: step.options.filter((_, j) => j !== i) })}>
                  Remove
                </SecondaryButton>
              </div>
            </li>
          ))}
        </ol>
        <SecondaryButton type="button" disabled={step.options.length >= 13} onClick={() => onChange({ ...step, options: [...step.options, { title: '' }] })}>
          Add a choice
        </SecondaryButton>
      </fieldset>
      <SaveTo optional value={step.saveTo} onChange={(saveTo) => onChange(clean({ ...step, saveTo }))} />
      <RetryFields step={step} stepIds={stepIds} onChange={onChange} />
    </div>
  );
}

function AskInputForm({ step, stepIds, onChange }: Props<'ask_input'>) {
  return (
    <div className="space-y-3">
      <TextField label="Question" multiline maxLength={2000} value={step.text} onValueChange={(text) => onChange({ ...step, text })} />
      <SelectField
        label="Expected answer"
        value={step.input}
        onValueChange={(input) => onChange(input === 'number' ? { ...step, input } : clean({ ...step, input, min: undefined, max: undefined }))}
        choices={[['text', 'Text'], ['email', 'Email address'], ['phone', 'Phone number'], ['number', 'Number']] as const}
      />
      {step.input === 'number' && (
        <div className={grid}>
          <NumberField label="Minimum" hint="optional" value={step.min} onValueChange={(min) => onChange(clean({ ...step, min }))} />
          <NumberField label="Maximum" hint="optional" value={step.max} onValueChange={(max) => onChange(clean({ ...step, max }))} />
        </div>
      )}
      <SaveTo value={step.saveTo} onChange={(saveTo) => onChange({ ...step, saveTo: saveTo ?? { kind: 'custom_data', key: '' } })} />
      <NextSelect label="Then" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
      <RetryFields step={step} stepIds={stepIds} onChange={onChange} />
    </div>
  );
}

const CHANNELS = [
  ['facebook', 'Messenger'],
  ['instagram', 'Instagram'],
  ['whatsapp', 'WhatsApp'],
  ['line', 'LINE'],
  ['x', 'X'],
  ['apple', 'Apple Messages'],
  ['web', 'Website chat'],
] as const;

/** Business hours are the shop's: say in which zone, as agents may see times in another. */
function ShopTimeHint() {
  const { shop } = useTimeZone();
  return <p className="text-xs text-slate-500">Business hours are shop time: {zoneLabel(shop)}.</p>;
}

function ConditionEditor({ value, onChange, label }: { value: Condition; onChange: (c: Condition) => void; label: string }) {
  const id = useId();
  const kinds = [['has_tag', 'Has the tag'], ['custom_data', 'Custom data'], ['variable', 'Flow variable'], ['channel', 'Channel is'], ['business_hours', 'Within business hours']] as const;
  const setKind = (kind: Condition['kind']) =>
    onChange(
      kind === 'has_tag'
        ? { kind, tag: '' }
        : kind === 'custom_data'
          ? { kind, key: '', op: 'exists' }
          : kind === 'variable'
            ? { kind, name: '', op: 'exists' }
            : kind === 'channel'
              ? { kind, channels: ['web'] }
              : { kind },
    );
  return (
    <div role="group" aria-labelledby={id} className="space-y-2">
      <p id={id} className="sr-only">
        {label}
      </p>
      <div className={grid}>
        <SelectField label={label} value={value.kind} onValueChange={setKind} choices={kinds} />
        {value.kind === 'has_tag' && <TextField label="Tag" value={value.tag} onValueChange={(tag) => onChange({ ...value, tag })} />}
        {(value.kind === 'custom_data' || value.kind === 'variable') && (
          <>
            {value.kind === 'custom_data' ? (
              <TextField label="Field" value={value.key} onValueChange={(key) => onChange({ ...value, key })} />
            ) : (
              <TextField label="Variable" value={value.name} onValueChange={(name) => onChange({ ...value, name })} />
            )}
            <SelectField label="Test" value={value.op} onValueChange={(op) => onChange(clean({ ...value, op, value: op === 'exists' ? undefined : value.value }))} choices={[['exists', 'is set'], ['equals', 'equals'], ['contains', 'contains']] as const} />
            {value.op !== 'exists' && <TextField label="Value" value={value.value ?? ''} onValueChange={(v) => onChange({ ...value, value: v })} />}
          </>
        )}
      </div>
      {value.kind === 'business_hours' && <ShopTimeHint />}
      {value.kind === 'channel' && (
        <fieldset className="text-sm">
          <legend className="font-medium">Channels</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {CHANNELS.map(([kind, name]) => (
              <CheckboxField key={kind} label={name} checked={value.channels.includes(kind)} onCheckedChange={(on) => onChange({ ...value, channels: on ? [...value.channels, kind] : value.channels.filter((c) => c !== kind) })} />
            ))}
          </div>
        </fieldset>
      )}
      <CheckboxField label="Not (the opposite)" checked={Boolean(value.negate)} onCheckedChange={(negate) => onChange(clean({ ...value, negate: negate || undefined }))} />
    </div>
  );
}

function ConditionForm({ step, stepIds, onChange }: Props<'condition'>) {
  const setRule = (i: number, rule: (typeof step.rules)[number]) => onChange({ ...step, rules: step.rules.map((r, j) => (j === i ? rule : r)) });
  return (
    <div className="space-y-3">
      <ol className="space-y-2">
        {step.rules.map((rule, i) => (
          <li key={i} className="space-y-2 rounded-md border border-slate-200 p-2">
            <p className="text-sm font-medium">Rule {i + 1}: when all of these are true</p>
            {rule.all.map((c, k) => (
              <div key={k} className="border-l-2 border-slate-200 pl-2">
                <ConditionEditor label={`Rule ${i + 1}, condition ${k + 1}`} value={c} onChange={(c2) => setRule(i, { ...rule, all: rule.all.map((x, y) => (y === k ? c2 : x)) })} />
                {rule.all.length > 1 && (
                  <SecondaryButton type="button" aria-label={`Remove condition ${k + 1} of rule ${i + 1}`} onClick={() => setRule(i, { ...rule, all: rule.all.filter((_, y) => y !== k) })}>
                    Remove condition
                  </SecondaryButton>
                )}
              </div>
            ))}
            <div className="flex flex-wrap gap-1">
              <SecondaryButton type="button" onClick={() => setRule(i, { ...rule, all: [...rule.all, { kind: 'has_tag', tag: '' }] })}>
                Add a condition
              </SecondaryButton>
              {step.rules.length > 1 && (
                <SecondaryButton type="button" aria-label={`Remove rule ${i + 1}`} onClick={() => onChange({ ...step, rules: step.rules.filter((_, j) => j !== i) })}>
                  Remove rule
                </SecondaryButton>
              )}
            </div>
            <NextSelect label="Then go to" required value={rule.next || undefined} stepIds={stepIds} onChange={(next) => setRule(i, { ...rule, next: next ?? '' })} />
          </li>
        ))}
      </ol>
      <SecondaryButton type="button" onClick={() => onChange({ ...step, rules: [...step.rules, { all: [{ kind: 'has_tag', tag: '' }], next: '' }] })}>
        Add a rule
      </SecondaryButton>
      <NextSelect label="Otherwise" value={step.else} stepIds={stepIds} onChange={(e) => onChange(clean({ ...step, else: e }))} />
    </div>
  );
}

function ShowProductsForm({ step, stepIds, options, onChange }: Props<'show_products'>) {
  const ids = step.productIds ?? [];
  return (
    <div className="space-y-3">
      <TextField label="Text" hint="optional" multiline maxLength={2000} value={step.text ?? ''} onValueChange={(text) => onChange(clean({ ...step, text: opt(text) }))} />
      <Pick label="Collection" value={step.collectionId} items={options.collections} none="No collection" onChange={(collectionId) => onChange(clean({ ...step, collectionId }))} />
      <fieldset className="text-sm">
        <legend className="font-medium">Products {ids.length >= 10 && <span className={small}>(up to 10)</span>}</legend>
        {options.products.length === 0 ? (
          <p className="text-slate-500">No products in the catalogue yet.</p>
        ) : (
          <div className="mt-1 grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2">
            {options.products.map((p) => (
              <CheckboxField
                key={p.id}
                label={p.name}
                checked={ids.includes(p.id)}
                onCheckedChange={(on) => {
                  const next = on ? [...ids, p.id].slice(0, 10) : ids.filter((x) => x !== p.id);
                  onChange(clean({ ...step, productIds: next.length ? next : undefined }));
                }}
              />
            ))}
          </div>
        )}
      </fieldset>
      <NextSelect label="Then" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
    </div>
  );
}

function CheckoutForm({ step, stepIds, options, onChange }: Props<'checkout'>) {
  const delivery = step.delivery ?? ['delivery', 'collection_point'];
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">Without a product or collection, the checkout sells the product of the “Buy” button that started the flow.</p>
      <div className={grid}>
        <Pick label="Product" value={step.productId} items={options.products} none="From the Buy button" onChange={(productId) => onChange(clean({ ...step, productId }))} />
        <Pick label="Or a collection to pick from" value={step.collectionId} items={options.collections} none="No collection" onChange={(collectionId) => onChange(clean({ ...step, collectionId }))} />
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">Delivery options</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {(
            [
              ['delivery', 'Delivery to an address'],
              ['collection_point', 'Collection point'],
            ] as const
          ).map(([kind, label]) => (
            <CheckboxField key={kind} label={label} checked={delivery.includes(kind)} onCheckedChange={(on) => onChange({ ...step, delivery: on ? [...delivery, kind] : delivery.filter((d) => d !== kind) })} />
          ))}
        </div>
      </fieldset>
      <div className={grid}>
        <NumberField label="Maximum quantity" min={1} max={99} value={step.maxQuantity} onValueChange={(maxQuantity) => onChange(clean({ ...step, maxQuantity }))} />
        <NextSelect label="After the order" value={step.next} stepIds={stepIds} onChange={(next) => onChange(clean({ ...step, next }))} />
        <NextSelect label="If the customer cancels" value={step.onCancel} stepIds={stepIds} onChange={(onCancel) => onChange(clean({ ...step, onCancel }))} />
        <NextSelect label="If out of stock" value={step.onOutOfStock} stepIds={stepIds} onChange={(onOutOfStock) => onChange(clean({ ...step, onOutOfStock }))} />
      </div>
    </div>
  );
}
