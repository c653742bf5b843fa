import { describe, expect, it } from 'vitest';
import { answersSchema, mapAnswers, preChatFormSchema, readPreChatForm, type PreChatForm } from './definition';

const form: PreChatForm = preChatFormSchema.parse({
  enabled: true,
  name: 'required',
  email: 'required',
  phone: 'optional',
  customFields: [
    { label: 'Order number', key: 'order_number', type: 'number', required: true },
    { label: 'Size', key: 'size', type: 'choice', options: ['S', 'M', 'L'], required: false },
  ],
  consent: { enabled: true, text: 'I agree to the privacy policy.' },
});

const messages = (raw: unknown) => {
  const parsed = answersSchema(form).safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the pre-chat form definition', () => {
  it('reads missing or malformed settings as a form that is off', () => {
    expect(readPreChatForm({}).enabled).toBe(false);
    expect(readPreChatForm({ preChatForm: { enabled: 'yes' } }).enabled).toBe(false);
    expect(readPreChatForm({ preChatForm: { enabled: true, name: 'required' } })).toMatchObject({ enabled: true, name: 'required', email: 'optional' });
  });

  it('refuses a choice with fewer than two options, a reserved or repeated key, and consent without text', () => {
    const issues = (raw: unknown) => preChatFormSchema.safeParse(raw).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ customFields: [{ label: 'Size', key: 'size', type: 'choice', options: ['S'] }] })).toEqual(['A choice needs at least two options']);
    expect(issues({ customFields: [{ label: 'Mail', key: 'email', type: 'text' }] })).toEqual(['This key is taken by a built-in field']);
    expect(issues({ customFields: [{ label: 'A', key: 'k', type: 'text' }, { label: 'B', key: 'K', type: 'text' }] })).toEqual(['The key “K” is used twice']);
    expect(issues({ customFields: [{ label: 'A', key: 'has space', type: 'text' }] })).toEqual(['Keys use letters, digits, _ and - only']);
    expect(issues({ consent: { enabled: true, text: ' ' } })).toEqual(['Enter the consent text the visitor agrees to']);
    expect(issues({ enabled: true, name: 'off', email: 'off', phone: 'off' })).toEqual(['Turn on at least one field, or turn the form off']);
  });

  it('drops the options of a field that is not a choice', () => {
    const parsed = preChatFormSchema.parse({ customFields: [{ label: 'Note', key: 'note', type: 'text', options: ['x', 'y'] }] });
    expect(parsed.customFields[0].options).toEqual([]);
  });
});

describe('checking answers', () => {
  const good = { name: ' Mai ', email: 'Mai@Example.com', phone: '', custom: { order_number: '1042', size: 'M' }, consent: true };

  it('accepts good answers, trimming and treating blanks as not given', () => {
    expect(messages(good)).toEqual([]);
    expect(answersSchema(form).parse(good)).toMatchObject({ name: 'Mai', email: 'Mai@Example.com', phone: undefined });
  });

  it('names each missing required field, a bad email, a bad number or choice, and unchecked consent', () => {
    expect(messages({ ...good, name: '  ' })).toEqual(['name: Enter your name']);
    expect(messages({ ...good, email: 'mai@' })).toEqual(['email: Enter a valid email address, like you@example.com']);
    expect(messages({ ...good, custom: { size: 'M' } })).toEqual(['custom.order_number: Fill in Order number']);
    expect(messages({ ...good, custom: { order_number: 'ten' } })).toEqual(['custom.order_number: Order number: enter a number']);
    expect(messages({ ...good, custom: { order_number: '1', size: 'XXL' } })).toEqual(['custom.size: Size: choose one of the options']);
    expect(messages({ ...good, consent: false })).toEqual(['consent: Please accept the consent to start the chat']);
    expect(messages({ ...good, phone: 'call me' })).toEqual(['phone: Enter a valid phone number, digits and + only']);
  });

  it('ignores answers to fields the form does not ask', () => {
    const noPhone = { ...form, phone: 'off' as const };
    expect(answersSchema(noPhone).parse({ ...good, phone: '+66 81 234 5678' }).phone).toBeUndefined();
  });

  it('takes a body that leaves out fields the form does not ask or does not require (a browser drops undefined)', () => {
    const noPhone = { ...form, phone: 'off' as const, email: 'optional' as const };
    expect(answersSchema(noPhone).safeParse({ name: 'Mai', custom: { order_number: '1042' }, consent: true }).success).toBe(true);
  });

  it('maps answers onto the contact and its custom data, in the form order, email lower-cased', () => {
    const mapped = mapAnswers(form, answersSchema(form).parse(good));
    expect(mapped.contact).toEqual({ name: 'Mai', email: 'mai@example.com' });
    expect(mapped.customData).toEqual({ order_number: '1042', size: 'M' });
    expect(mapped.stored).toEqual([
      { key: 'name', label: 'Name', value: 'Mai' },
      { key: 'email', label: 'Email', value: 'mai@example.com' },
      { key: 'order_number', label: 'Order number', value: '1042' },
      { key: 'size', label: 'Size', value: 'M' },
    ]);
  });
});
