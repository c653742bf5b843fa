import { z } from 'zod';
import { variablesProblem } from '../variables';

export const SHORTCUT_TEXT_MAX = 1000;

/** `/thanks`, typed with or without the slash; stored lowercase without it. */
export const shortcutName = z
  .string('Enter the shortcut, e.g. /thanks')
  .trim()
  .transform((s) => s.replace(/^\/+/, ''))
  .pipe(
    z
      .string()
      .min(1, { error: 'Enter the shortcut, e.g. /thanks', abort: true })
      .max(32, 'Keep the shortcut under 32 characters')
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Use letters, numbers, - and _ only (no spaces)'),
  )
  .transform((s) => s.toLowerCase());

export const shortcutText = z
  .string('Write the message text')
  .trim()
  .min(1, 'Write the message text')
  .max(SHORTCUT_TEXT_MAX, `Keep the text under ${SHORTCUT_TEXT_MAX.toLocaleString('en-US')} characters`)
  .superRefine((text, ctx) => {
    const problem = variablesProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const createShortcutInput = z.object({ shortcut: shortcutName, text: shortcutText });
export const updateShortcutInput = createShortcutInput.extend({ id: z.uuid() });
export const deleteShortcutInput = z.object({ id: z.uuid() });

export type CreateShortcutInput = z.infer<typeof createShortcutInput>;
export type UpdateShortcutInput = z.infer<typeof updateShortcutInput>;
