/** What `hello.resume` carries: the peer id and the resume token of its latest `welcome`. */
export interface ResumeCredentials {
  peerId: string;
  token: string;
}

/** The slice of the Web Storage API used here; `sessionStorage` satisfies it. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY_PREFIX = 'confab.resume:';

/**
 * Resume credentials kept across a reload of the tab, in per-tab storage (sessionStorage).
 *
 * They are written only when the client closes (the page is going away) and taken, that is read
 * and removed, when the next client connects. A live tab therefore never has them stored, so a
 * tab duplicated from it (which copies sessionStorage) cannot present the same token and take
 * over the original's session.
 */
export class ResumeStorage {
  constructor(
    private readonly storage: StorageLike,
    private readonly url: string,
  ) {}

  /** The storage to use by default: the page's sessionStorage, when there is one and it works. */
  static default(url: string): ResumeStorage | undefined {
    try {
      const storage = (globalThis as { sessionStorage?: StorageLike }).sessionStorage;
      return storage ? new ResumeStorage(storage, url) : undefined;
    } catch {
      // Storage disabled (privacy settings, sandboxed frame): resume works within the page only.
      return undefined;
    }
  }

  /** Reads and forgets the stored credentials. */
  take(): ResumeCredentials | undefined {
    try {
      const text = this.storage.getItem(this.key);
      if (text === null) return undefined;
      this.storage.removeItem(this.key);
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null) return undefined;
      const { peerId, token } = value as Record<string, unknown>;
      return typeof peerId === 'string' && typeof token === 'string' ? { peerId, token } : undefined;
    } catch {
      return undefined;
    }
  }

  save(credentials: ResumeCredentials): void {
    try {
      this.storage.setItem(this.key, JSON.stringify(credentials));
    } catch {
      // Full or disabled: the next page load simply starts a fresh session.
    }
  }

  private get key(): string {
    return `${KEY_PREFIX}${this.url}`;
  }
}
