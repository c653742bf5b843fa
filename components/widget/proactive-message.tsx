/** An action rule's message, shown as the shop's in the chat (text only). */
export function ProactiveMessage({ title, text }: { title: string; text: string }) {
  return (
    <li className="flex flex-col items-start" data-testid="widget-proactive">
      <span className="mb-0.5 px-1 text-xs text-slate-500">{title}</span>
      <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-bl-sm bg-white px-3 py-2 text-sm shadow-sm">{text}</div>
    </li>
  );
}
