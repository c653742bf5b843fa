import { z } from 'zod';

export const CUSTOM_DATA_KEY_MAX = 60;
export const CUSTOM_DATA_VALUE_MAX = 500;
export const CUSTOM_DATA_MAX_ENTRIES = 100;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const controlChars = /[\u0000-\u001f\u007f]/;

export const customDataKey = z
  .string('Enter a name')
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'Enter a name, e.g. Last order')
      .max(CUSTOM_DATA_KEY_MAX, `Keep the name under ${CUSTOM_DATA_KEY_MAX} characters`)
      .refine((s) => !controlChars.test(s), 'The name cannot contain control characters'),
  );

export const customDataValue = z
  .string('Enter a value')
  .trim()
  .min(1, 'Enter a value (to clear it, delete the entry)')
  .max(CUSTOM_DATA_VALUE_MAX, `Keep the value under ${CUSTOM_DATA_VALUE_MAX} characters`);
