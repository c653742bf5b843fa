'use client';

import { useRouter } from 'next/navigation';
import { deleteTicketAction } from '@/app/w/[slug]/tickets/actions';
import { DeleteButton } from '@/components/ui/form-kit';

/** Admins only (the page shows it to them; the server checks again). */
export function DeleteTicket({ workspaceId, ticketId, number, listPath }: { workspaceId: string; ticketId: string; number: number; listPath: string }) {
  const router = useRouter();
  return (
    <DeleteButton
      label={`Delete ticket #${number}`}
      confirmText={`Delete ticket #${number}? Its history and comments go too; the conversations stay.`}
      run={async () => {
        const result = await deleteTicketAction({ workspaceId, ticketId });
        if (result.ok) router.push(listPath);
        return result;
      }}
    />
  );
}
