/**
 * A Blob URL for a received file, for `<a href download>`. The browser streams the Blob (which it
 * may keep on disk) to the download, so nothing is copied into page memory. Revoke it when the
 * link goes away.
 */
export function blobUrl(blob: Blob): { url: string; revoke: () => void } {
  const url = URL.createObjectURL(blob);
  let revoked = false;
  return {
    url,
    revoke: () => {
      if (revoked) return;
      revoked = true;
      URL.revokeObjectURL(url);
    },
  };
}
