import type { customerFields } from '@/db/schema';

export type CustomerFieldType = (typeof customerFields.$inferSelect)['type'];

export type CustomerFieldView = {
  id: string;
  label: string;
  key: string;
  type: CustomerFieldType;
  options: string[];
  required: boolean;
  position: number;
};

export function customerFieldView(row: typeof customerFields.$inferSelect): CustomerFieldView {
  return { id: row.id, label: row.label, key: row.key, type: row.type, options: row.options, required: row.required, position: row.position };
}

/** The types in the order the settings form offers them (same as the schema's enum). */
export const customerFieldTypeOrder: CustomerFieldType[] = ['text', 'number', 'date', 'list', 'checkbox', 'link'];

/** "Instagram profile" → "instagram_profile": the key a field's values are stored under. */
export function deriveFieldKey(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

export const customerFieldTypeLabels: Record<CustomerFieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  list: 'List',
  checkbox: 'Checkbox',
  link: 'Link',
};
