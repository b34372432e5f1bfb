import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';
import { CLI_EXIT_CODES, type CliExitCode } from './exit-codes.js';

/** A failure the CLI reports with a code, a next step and an exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: string;
  readonly exitCode: CliExitCode;
  readonly details: unknown;

  constructor(
    code: string,
    message: string,
    options: { exitCode?: CliExitCode; details?: unknown } = {},
  ) {
    super(message);
    this.code = code;
    this.exitCode = options.exitCode ?? CLI_EXIT_CODES.usage;
    this.details = options.details;
  }
}

/** Progress of one long step. */
export interface CliProgress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * Writes a command's output: in `--json` mode exactly one JSON document on stdout
 * (`{ ok, command, exitCode, result | error }`); otherwise human lines, progress bars when
 * stdout is a terminal, plain progress lines when it is not, errors on stderr.
 */
export class CliOutput {
  readonly json: boolean;
  readonly #io: CliIo;
  readonly #command: string;
  #written = false;

  constructor(io: CliIo, command: string, json: boolean) {
    this.#io = io;
    this.#command = command;
    this.json = json;
  }

  /** Whether stdout is a terminal (and so gets progress bars). */
  get tty(): boolean {
    return Boolean(this.#io.stdout.isTTY);
  }

  /** A human line on stdout (nothing in JSON mode). */
  line(text = ''): void {
    if (!this.json) this.#io.stdout.write(`${text}\n`);
  }

  /** A note on stderr (human mode only): warnings, hints. */
  note(text: string): void {
    if (!this.json) this.#io.stderr.write(`${text}\n`);
  }

  /** The command's result: one JSON document, or the human rendering. */
  result(value: unknown, exitCode: CliExitCode, human?: () => void): CliExitCode {
    if (this.json) {
      this.#writeJson({ ok: exitCode === 0, command: this.#command, exitCode, result: value });
    } else {
      human?.();
    }
    return exitCode;
  }

  /** A failure: a JSON document (in JSON mode) and a human message on stderr. */
  error(code: string, message: string, exitCode: CliExitCode, details?: unknown): CliExitCode {
    if (this.json && !this.#written) {
      this.#writeJson({
        ok: false,
        command: this.#command,
        exitCode,
        error: { code, message, ...(details === undefined ? {} : { details }) },
      });
    }
    this.#io.stderr.write(`✘ ${message}\n`);
    return exitCode;
  }

  /** Progress of a long step: a bar on a terminal, a line per 10 % otherwise, nothing in JSON mode. */
  progress(label: string): CliProgress {
    if (this.json) return { update: () => {}, stop: () => {} };
    if (this.tty) {
      const bar = new cliProgress.SingleBar(
        {
          format: `${label} [{bar}] {value}/{total} {percentage}% · {duration_formatted}`,
          stream: this.#io.stdout as NodeJS.WritableStream,
          hideCursor: true,
          clearOnComplete: false,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      return {
        update: (done, total) => {
          if (!started) {
            bar.start(total, done);
            started = true;
          } else {
            bar.setTotal(total);
            bar.update(done);
          }
        },
        stop: () => {
          if (started) bar.stop();
        },
      };
    }
    let lastTenth = -1;
    return {
      update: (done, total) => {
        const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          this.#io.stdout.write(`${label}: ${done}/${total}\n`);
        }
      },
      stop: () => {},
    };
  }

  #writeJson(document: unknown): void {
    if (this.#written) return;
    this.#written = true;
    this.#io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }
}
