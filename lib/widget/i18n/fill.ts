/** A widget text with its `{name}` holes filled. Client-safe and tiny: no language tables. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (hole, key: string) => (key in values ? String(values[key]) : hole));
}
