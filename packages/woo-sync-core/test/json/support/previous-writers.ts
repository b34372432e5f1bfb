// The two canonical-JSON writers as they were before they became one (src/json/), kept
// verbatim as references: for every value both accepted, the shared writer must write the
// same text, or stored hashes would stop matching.

/** The ledger's writer (`identity/payload-hash.ts`, `canonicalPayloadJson`). */
export function previousPayloadJson(value: unknown): string {
  const text = serialize(value, '$');
  if (text === undefined) throw new TypeError('$: value has no JSON form');
  return text;
}

function serialize(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value === 0 ? 0 : value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`${path}: bigint has no JSON form; format it as a string first`);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return serialize(withJson.toJSON(), path);
  if (Array.isArray(value)) {
    const items = value.map((item, index) => serialize(item, `${path}[${index}]`) ?? 'null');
    return `[${items.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = serialize(record[key], `${path}.${key}`);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

/** The catalog's writer (`catalog/canonical-json.ts`, `canonicalJson`). */
export function previousCatalogJson(value: unknown): string {
  return write(value, '');
}

const SIMPLE_KEY = /^[A-Za-z0-9_$@:.-]*$/;

function quoteKey(key: string): string {
  return SIMPLE_KEY.test(key) ? `"${key}"` : JSON.stringify(key);
}

function write(value: unknown, out: string): string {
  switch (typeof value) {
    case 'string':
      return out + JSON.stringify(value);
    case 'number':
      return out + (Number.isFinite(value) ? String(value) : 'null');
    case 'boolean':
      return out + (value ? 'true' : 'false');
    case 'object':
      break;
    default:
      return `${out}null`;
  }
  if (value === null) return `${out}null`;
  if (Array.isArray(value)) {
    let text = `${out}[`;
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      text = write(value[i], text);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i += 1) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort();
      break;
    }
  }
  let text = `${out}{`;
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    text += first ? quoteKey(key) : `,${quoteKey(key)}`;
    first = false;
    text = write(member, `${text}:`);
  }
  return `${text}}`;
}
