// Links to files stored by the app: `/api/files/{id}`, relative, or absolute and signed
// (`…?exp=…&sig=…`, made for a platform to fetch an agent's upload).
const OWN_FILE = /^(?:https?:\/\/[^/?#]+)?\/api\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[?#].*)?$/i;

export function storedFileId(url: string | null | undefined): string | null {
  const m = url ? OWN_FILE.exec(url.trim()) : null;
  return m ? m[1].toLowerCase() : null;
}
