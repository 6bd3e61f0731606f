import { useEffect, useState } from 'react';
import { blobUrl } from '../lib/save-file.js';

/** A Blob URL for `blob` while the component is mounted; revoked on unmount or when the blob changes. */
export function useBlobUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const made = blobUrl(blob);
    setUrl(made.url);
    return () => {
      made.revoke();
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}
