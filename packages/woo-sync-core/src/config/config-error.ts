/** One problem in a configuration. */
export interface ConfigIssue {
  /** Dotted path of the bad field, e.g. `stores.0.woocommerce.url`. */
  path: string;
  /** What is wrong and, where possible, how to fix it. */
  message: string;
}

/**
 * A configuration that cannot be used. Lists every bad path at once, so an operator fixes
 * the file in one go.
 *
 * @example
 * ```ts
 * try {
 *   parseSyncConfig(raw);
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.message); // one line per issue
 * }
 * ```
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Stable code. */
  readonly code = 'config_invalid';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options?: { source?: string }) {
    const where = options?.source ? ` in ${options.source}` : '';
    super(
      `Invalid configuration${where} (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}):\n${issues
        .map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`)
        .join('\n')}`,
    );
    this.issues = issues;
  }

  /** A JSON form for `--json` output and APIs. */
  toJSON(): { name: string; code: string; message: string; issues: readonly ConfigIssue[] } {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}
