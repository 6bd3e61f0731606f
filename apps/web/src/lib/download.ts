/** How long a download's Blob URL is kept before it is revoked (the browser has started the download by then). */
export const DOWNLOAD_URL_TTL_MS = 60_000;

/** Saves `blob` as a file named `fileName`, as a download (`<a download>`). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_TTL_MS);
}
