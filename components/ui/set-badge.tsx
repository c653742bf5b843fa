/** Marks a catalogue item that is a set (a bundle of products) wherever products are listed. */
export function SetBadge({ className = '' }: { className?: string }) {
  return <span className={`inline-block rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800 ${className}`}>Set</span>;
}
