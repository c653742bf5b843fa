/**
 * Saves data the page made as a file the browser downloads. The link is in the document
 * while it is clicked, and its object URL lives for a minute: revoked sooner, a busy browser
 * (a slow phone, a loaded machine) may not have started reading it, and the download is lost
 * without a word.
 */
export function saveBlobAs(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
