import { z } from 'zod';
import { variablesProblem } from '../variables';

export const TEXT_BLOCK_BODY_MAX = 4000;

export const createTextBlockInput = z.object({
  title: z.string('Enter a title').trim().min(1, 'Enter a title').max(80, 'Keep the title under 80 characters'),
  category: z
    .string()
    .optional()
    .transform((v) => v?.trim().replace(/\s+/g, ' ') || 'General')
    .pipe(z.string().max(40, 'Keep the category under 40 characters')),
  body: z
    .string('Write the text')
    .trim()
    .min(1, 'Write the text')
    .max(TEXT_BLOCK_BODY_MAX, `Keep the text under ${TEXT_BLOCK_BODY_MAX.toLocaleString('en-US')} characters`)
    .superRefine((text, ctx) => {
      const problem = variablesProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export const updateTextBlockInput = createTextBlockInput.extend({ id: z.uuid() });
export const deleteTextBlockInput = z.object({ id: z.uuid() });

export type CreateTextBlockInput = z.infer<typeof createTextBlockInput>;
export type UpdateTextBlockInput = z.infer<typeof updateTextBlockInput>;
