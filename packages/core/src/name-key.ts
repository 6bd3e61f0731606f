/** The form of a display name that must be unique in the directory: "Ann" and "ann" are one name. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US');
}
