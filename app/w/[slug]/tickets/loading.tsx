export default function TicketsLoading() {
  return (
    <main className="h-full overflow-y-auto p-3 sm:p-4 md:p-8" aria-busy="true">
      <div className="mx-auto max-w-6xl space-y-4">
        <p className="sr-only" role="status">
          Loading tickets…
        </p>
        <div className="h-7 w-32 animate-pulse rounded bg-slate-200" />
        <div className="h-24 animate-pulse rounded-lg bg-slate-100" />
        <div className="space-y-2">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="h-12 animate-pulse rounded bg-slate-100" />
          ))}
        </div>
      </div>
    </main>
  );
}
