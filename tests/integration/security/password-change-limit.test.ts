import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { verifyCredentials } from '@/lib/auth/credentials';
import { changePassword } from '@/lib/members/profile';
import { addMember, createUser, createWorkspace } from '../support/fixtures';

describe('password change', () => {
  it('guesses at the current password are limited per user: the 6th within 15 minutes is refused', async () => {
    const db = getDb();
    const ws = await createWorkspace(db, 'Limit Shop');
    const user = await createUser(db, 'Pat', 'correct horse');
    await addMember(db, ws.id, user.id);
    const ctx = { workspaceId: ws.id, actor: { id: user.id, name: 'Pat', email: user.email, role: 'agent' as const } };
    const change = (currentPassword: string) =>
      changePassword(db, ctx, { currentPassword, password: 'a brand new password', confirm: 'a brand new password' }).then(
        () => 'changed',
        (e: Error) => e.message,
      );
    for (let i = 0; i < 5; i++) expect(await change(`guess ${i}`)).toBe('Your current password is not right.');
    expect(await change('correct horse')).toBe('Too many attempts. Try again in 15 minutes.');
    expect(await verifyCredentials(db, { email: user.email, password: 'correct horse' })).toMatchObject({ id: user.id });
  });
});
