import type { ActorContext } from '@/lib/auth/action-core';
import { saveArticle, setArticleStatus } from '@/lib/articles/admin';
import { getDb } from '@/lib/db';
import { addMember, createUser, createWorkspace } from '../support/fixtures';

/** A workspace with an admin (who writes articles) and an agent (who sends them). */
export async function articleShop(name = 'Shop', workspaceId?: string) {
  const db = getDb();
  const id = workspaceId ?? (await createWorkspace(db, name)).id;
  const admin = await createUser(db, `${name} admin`);
  await addMember(db, id, admin.id, 'admin');
  const agent = await createUser(db, `${name} agent`);
  await addMember(db, id, agent.id, 'agent');
  const adminCtx: ActorContext = { workspaceId: id, actor: { id: admin.id, name: admin.name, email: admin.email, role: 'admin' } };
  const agentCtx: ActorContext = { workspaceId: id, actor: { id: agent.id, name: agent.name, email: agent.email, role: 'agent' } };
  return { workspaceId: id, admin, agent, adminCtx, agentCtx };
}

export async function writeArticle(ctx: ActorContext, input: { title: string; bodyMd: string; locale?: 'en' | 'de' | 'th' | 'ja' | 'id'; publish?: boolean; excerpt?: string }) {
  const saved = await saveArticle(getDb(), ctx, { title: input.title, bodyMd: input.bodyMd, locale: input.locale ?? 'en', slug: '', excerpt: input.excerpt ?? '', categoryId: null });
  if (input.publish !== false) await setArticleStatus(getDb(), ctx, { id: saved.id, status: 'published' });
  return saved;
}
