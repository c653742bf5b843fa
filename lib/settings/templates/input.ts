import { z } from 'zod';
import { templateParameters } from '../template-parameters';

export const templateCategories = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const;
export const TEMPLATE_BODY_MAX = 1024; // Meta's limit for a template body

/** Common WhatsApp template language codes, offered as suggestions. */
export const commonTemplateLanguages = ['en_US', 'en_GB', 'en', 'th', 'ms', 'id', 'vi', 'zh_CN', 'zh_HK', 'ja', 'ko', 'es', 'pt_BR', 'fr', 'de'];

export const createTemplateInput = z.object({
  name: z
    .string('Enter the template name')
    .trim()
    .min(1, 'Enter the template name as approved, e.g. order_update')
    .max(512, 'Template names are at most 512 characters')
    .regex(/^[a-z0-9_]+$/, 'Template names use lowercase letters, numbers and _ only, e.g. order_update'),
  language: z
    .string('Enter the language code')
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'Use a language code such as en_US, en or th'),
  category: z.enum(templateCategories, 'Choose a category'),
  body: z
    .string('Write the template body')
    .trim()
    .min(1, 'Write the template body')
    .max(TEMPLATE_BODY_MAX, `Template bodies are at most ${TEMPLATE_BODY_MAX.toLocaleString('en-US')} characters`)
    .superRefine((body, ctx) => {
      const { problem } = templateParameters(body);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  channelId: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null))
    .pipe(z.uuid('Choose a WhatsApp number').nullable()),
});
export const updateTemplateInput = createTemplateInput.extend({ id: z.uuid() });
export const deleteTemplateInput = z.object({ id: z.uuid() });

export type CreateTemplateInput = z.infer<typeof createTemplateInput>;
export type UpdateTemplateInput = z.infer<typeof updateTemplateInput>;
