// A customer's language as Baton keeps it (contacts.language): the primary subtag of the
// tag their channel gives (LINE's "zh-Hant", Messenger's "en_US"), lower case.

/** "en-US", "en_US", "EN" → "en"; anything that is not a language tag → null. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$/.exec(tag ?? '');
  return m ? m[1].toLowerCase() : null;
}
