/**
 * `?cold=1` opens a "cold" lobby: the camera and the signaling connection start only when Join
 * is clicked, as a slower app would do. The join benchmark (bench/join.ts) uses it to measure
 * what starting both on lobby mount saves. Without it the lobby is warm.
 */
export function isColdLobby(search: string): boolean {
  return new URLSearchParams(search).get('cold') === '1';
}
