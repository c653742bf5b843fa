import { arr, num, rec, str } from '../shared/json';

/** "131047: Re-engagement message (details…)": Chatwoot's `code: title`, plus details when Meta gives them. */
export function describeWhatsAppErrors(errors: unknown): string | undefined {
  const texts = arr(errors).map((raw) => {
    const error = rec(raw) ?? {};
    const code = num(error.code);
    const title = str(error.title) ?? str(error.message) ?? 'Unknown error';
    const details = str(rec(error.error_data)?.details);
    const head = code === undefined ? title : `${code}: ${title}`;
    return details && details !== title ? `${head} (${details})` : head;
  });
  return texts.length ? texts.join('; ') : undefined;
}
