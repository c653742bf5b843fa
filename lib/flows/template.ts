// Text with variables: {{contact.name}}, {{contact.email}}, {{custom.size}}, {{channel}},
// or any flow variable by name ({{orderNumber}}, {{vars.orderNumber}}). Unknown names render empty.

export type TemplateScope = {
  contact: { name: string; email?: string | null; phone?: string | null; customData: Record<string, string> };
  channel: string;
  variables: Record<string, unknown>;
};

function lookup(path: string, scope: TemplateScope): unknown {
  const [head, ...rest] = path.split('.');
  const key = rest.join('.');
  if (head === 'contact') {
    if (key === 'name' || key === 'first_name') return key === 'first_name' ? scope.contact.name.split(/\s+/)[0] : scope.contact.name;
    if (key === 'email') return scope.contact.email;
    if (key === 'phone') return scope.contact.phone;
    return undefined;
  }
  if (head === 'custom') return scope.contact.customData[key];
  if (head === 'channel' && !key) return scope.channel;
  if (head === 'vars' || head === 'var') return scope.variables[key];
  return scope.variables[path];
}

export function renderTemplate(text: string, scope: TemplateScope): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_, path: string) => {
    const value = lookup(path, scope);
    return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
  });
}
