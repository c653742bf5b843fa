import { Avatar } from '@/components/ui/avatar';
import type { ConversationView } from '@/lib/inbox/history';

/** Right panel: who the customer is (the actions come with the agent-operations work). */
export function CustomerPanel({ conversation }: { conversation: ConversationView | null }) {
  return (
    <aside aria-label="Customer info" className="hidden min-h-0 overflow-y-auto border-l border-slate-200 bg-white p-4 xl:block">
      {conversation ? (
        <div>
          <div className="flex flex-col items-center text-center">
            <Avatar name={conversation.contact.name} src={conversation.contact.avatarUrl} size={64} />
            <h2 className="mt-2 font-semibold">{conversation.contact.name}</h2>
            {conversation.contact.email && <p className="text-sm text-slate-600">{conversation.contact.email}</p>}
            {conversation.contact.phone && <p className="text-sm text-slate-600">{conversation.contact.phone}</p>}
          </div>
          {Object.keys(conversation.contact.customData).length > 0 && (
            <dl className="mt-6 space-y-2 text-sm">
              {Object.entries(conversation.contact.customData).map(([key, value]) => (
                <div key={key} className="flex justify-between gap-2">
                  <dt className="text-slate-500">{key}</dt>
                  <dd className="text-right font-medium">{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      ) : (
        <p className="text-center text-sm text-slate-500">Customer details show here.</p>
      )}
    </aside>
  );
}
