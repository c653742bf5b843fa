'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// Recharts is loaded only on the Reports page (components/reports/lazy-charts.tsx), so the
// inbox bundle does not carry it. The data arrive small and ready from the server.

export function ChannelChart({ data }: { data: { name: string; opened: number; resolved: number }[] }) {
  return (
    <div className="h-56 w-full" role="img" aria-label="Conversations opened and resolved by channel">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="opened" name="Opened" fill="#4f46e5" />
          <Bar dataKey="resolved" name="Resolved" fill="#10b981" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function SlaChart({ data }: { data: { label: string; achieved: number; breached: number; pending: number }[] }) {
  return (
    <div className="h-56 w-full" role="img" aria-label="SLA targets achieved and breached per rule">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="achieved" name="Achieved" stackId="s" fill="#10b981" />
          <Bar dataKey="breached" name="Breached" stackId="s" fill="#ef4444" />
          <Bar dataKey="pending" name="Pending" stackId="s" fill="#94a3b8" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
