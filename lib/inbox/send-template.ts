import { and, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { renderTemplateBody, templateParameterCount } from '@/lib/composer/templates';
import { UserError } from '@/lib/errors';
import { sendAgentMessage } from './send-agent-message';

export const sendTemplateInput = z.object({
  conversationId: z.uuid(),
  templateId: z.uuid('Choose a template'),
  parameters: z.array(z.string().trim().max(1024, 'Keep each value under 1,024 characters')).max(20).default([]),
});

export type SendTemplateInput = z.infer<typeof sendTemplateInput>;

/**
 * An approved WhatsApp template, the one thing WhatsApp accepts after its 24-hour window.
 * Same rules as a reply (claim, assignee, window), sent as `{ kind: 'template', name,
 * language, parameters }` through the outbox; the history keeps the rendered text.
 */
export async function sendTemplate(db: Db, ctx: ActorContext, input: SendTemplateInput) {
  return sendAgentMessage(db, ctx, input.conversationId, async ({ conversation }, tx) => {
    const [template] = await tx
      .select()
      .from(whatsappTemplates)
      .where(
        and(
          eq(whatsappTemplates.id, input.templateId),
          eq(whatsappTemplates.workspaceId, ctx.workspaceId),
          or(isNull(whatsappTemplates.channelId), eq(whatsappTemplates.channelId, conversation.channelId)),
        ),
      )
      .limit(1);
    if (!template) throw new UserError('not_found', 'This template does not exist for this channel.');
    const needed = templateParameterCount(template.body) || template.parameterCount;
    const parameters = input.parameters.slice(0, needed);
    if (parameters.length < needed || parameters.some((p) => !p)) {
      throw new UserError('invalid', `Fill in all ${needed} parameter${needed === 1 ? '' : 's'} of ${template.name}.`);
    }
    return {
      content: { kind: 'template', name: template.name, language: template.language, parameters },
      payloadExtra: { template: { id: template.id, body: template.body, rendered: renderTemplateBody(template.body, parameters) } },
    };
  });
}
