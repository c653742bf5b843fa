import { z } from 'zod';
import { widgetErrors } from './errors';

/** Parses input with zod, or throws a 400 naming the first problem and every field's. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  const fieldErrors: Record<string, string[]> = {};
  for (const i of parsed.error.issues) {
    const key = i.path.join('.') || '_';
    (fieldErrors[key] ??= []).push(i.message);
  }
  throw widgetErrors.invalid(`${where}${issue?.message ?? 'Invalid input'}`, fieldErrors);
}
