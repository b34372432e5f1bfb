// Scans text (log lines, error messages, stored errors, reports) for secrets: the known values
// of a deployment in every form they could leak in, and Authorization header values of any
// kind. Used by the fault suite on everything its processes produced.

/** A secret the scan must never find. */
export interface ScannedSecret {
  /** What it is, for the report (never the value). */
  name: string;
  value: string;
}

/** One place a secret was found. */
export interface SecretFinding {
  /** The secret's name, or the pattern that matched (`Authorization header`). */
  secret: string;
  /** Where: the source name and the 1-based line. */
  source: string;
  line: number;
  /** The line with the secret masked, cut to 200 characters (safe to print). */
  excerpt: string;
}

/** Values shorter than this are not scanned for (they would match by chance). */
const MIN_SECRET_LENGTH = 8;

/**
 * The forms a secret can take in text: as is, percent-encoded (query strings, OAuth 1.0a
 * base strings), JSON-escaped, and HTML-entity-encoded.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>([value]);
  forms.add(encodeURIComponent(value));
  forms.add(JSON.stringify(value).slice(1, -1));
  forms.add(
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;'),
  );
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * `Authorization` header values in any text: `authorization: Basic …`, `"authorization":"Bearer …"`,
 * `Authorization=OAuth …`. A redacted value (`[Redacted]`, `***`, `<redacted>`) is fine.
 */
const AUTHORIZATION_VALUE =
  /authorization["']?\s*[:=]\s*["']?(?:basic|bearer|oauth|digest)\s+(?!\[redacted\]|\*{3}|<redacted>)[^\s"',}]{6,}/i;

/** Consumer secrets and keys of WooCommerce have a recognisable shape. */
const CONSUMER_SECRET = /\bcs_[0-9a-f]{40}\b/;

/**
 * Finds every secret in `text`. `source` names the text in findings (a file name).
 *
 * @example
 * ```ts
 * const findings = scanForSecrets(readFileSync(log, 'utf8'), 'serve.log', secrets);
 * expect(findings).toEqual([]);
 * ```
 */
export function scanForSecrets(
  text: string,
  source: string,
  secrets: readonly ScannedSecret[],
): SecretFinding[] {
  const needles = secrets.flatMap((secret) =>
    secretForms(secret.value).map((form) => ({ name: secret.name, form })),
  );
  const findings: SecretFinding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const report = (secret: string, mask: (s: string) => string) =>
      findings.push({ secret, source, line: index + 1, excerpt: mask(line).slice(0, 200) });
    for (const { name, form } of needles) {
      if (line.includes(form)) report(name, (s) => s.split(form).join('«secret»'));
    }
    if (AUTHORIZATION_VALUE.test(line)) {
      report('Authorization header', (s) =>
        s.replace(AUTHORIZATION_VALUE, 'authorization: «secret»'),
      );
    }
    if (CONSUMER_SECRET.test(line)) {
      report('WooCommerce consumer secret (cs_…)', (s) => s.replace(CONSUMER_SECRET, '«secret»'));
    }
  });
  return findings;
}

/** Totals of a scan over many sources. */
export interface SecretScanSummary {
  sources: number;
  lines: number;
  bytes: number;
  findings: SecretFinding[];
}

/** Scans several named texts (e.g. every log file of a run). */
export function scanSources(
  sources: ReadonlyArray<{ name: string; text: string }>,
  secrets: readonly ScannedSecret[],
): SecretScanSummary {
  let lines = 0;
  let bytes = 0;
  const findings: SecretFinding[] = [];
  for (const { name, text } of sources) {
    lines += text.split('\n').length;
    bytes += Buffer.byteLength(text);
    findings.push(...scanForSecrets(text, name, secrets));
  }
  return { sources: sources.length, lines, bytes, findings };
}
