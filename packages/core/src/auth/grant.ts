import { DisplayName, RoomName } from '@confab/protocol';
import { z } from 'zod';

/** What a token allows: which rooms, under which name, and whether the holder may send media. */
export const GrantClaims = z.object({
  /** Room names, or ["*"] for any room. */
  rooms: z.array(z.union([RoomName, z.literal('*')])).min(1),
  name: DisplayName.optional(),
  publish: z.boolean().default(true),
});
export type Grant = z.infer<typeof GrantClaims>;

/**
 * Checks the token from `hello`. Returns the grant, or undefined when the server runs open.
 * Throws a ConfabError (AUTH_REQUIRED, AUTH_INVALID, AUTH_EXPIRED) to refuse.
 */
export type Authenticator = (token: string | undefined) => Promise<Grant | undefined>;

export const openAccess: Authenticator = async () => undefined;

export function grantsRoom(grant: Grant | undefined, room: string): boolean {
  return !grant || grant.rooms.includes('*') || grant.rooms.includes(room);
}
