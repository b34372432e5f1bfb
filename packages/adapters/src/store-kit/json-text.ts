/** JSON text of a value for a JSON column; `undefined` is stored as JSON `null`. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
