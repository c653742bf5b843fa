// WhatsApp message templates: a body with numbered parameters ({{1}}, {{2}} …) as approved
// on the platform. The agent fills the parameters; the platform renders the text.

const PARAM = /\{\{\s*(\d{1,2})\s*\}\}/g;

/** How many parameters a body needs: the highest {{n}} it uses. */
export function templateParameterCount(body: string): number {
  let max = 0;
  for (const m of body.matchAll(PARAM)) max = Math.max(max, Number(m[1]));
  return max;
}

/** The text the customer will see, for the agent's preview and the history. Missing values show as [n]. */
export function renderTemplateBody(body: string, parameters: readonly string[]): string {
  return body.replace(PARAM, (_m, n: string) => {
    const value = parameters[Number(n) - 1];
    return value && value.trim() ? value : `[${n}]`;
  });
}
