import { createContext, useContext, type Context } from 'react';

/**
 * A context whose hook throws, with a message naming the provider, when used outside it, instead
 * of handing back `undefined` to fail somewhere less obvious.
 */
export function createStrictContext<T>(providerName: string): [Context<T | null>, (hookName: string) => T] {
  const context = createContext<T | null>(null);
  context.displayName = providerName;
  function useStrictContext(hookName: string): T {
    const value = useContext(context);
    if (value === null) {
      throw new Error(`${hookName}() was called outside <${providerName}>. Render the component inside <${providerName}>.`);
    }
    return value;
  }
  return [context, useStrictContext];
}
