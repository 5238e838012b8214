/**
 * One CLI subcommand. Each lives in its own module under ./commands and is listed in ./commands/index.ts.
 * `run` returns the exit code; it prints JSON when `--json` was given and a readable table otherwise.
 * Bad input throws an Error whose message is the one-line error the CLI prints.
 */
export interface CliContext {
  /** Parsed options (`--db PATH` -> { db: 'PATH' }, bare flags -> true). */
  options: Record<string, string | boolean>;
  /** Positional arguments after the command words. */
  args: string[];
  json: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  /** Command words, e.g. ['import', 'prices'] or ['risk']. */
  name: string[];
  summary: string;
  usage: string;
  run(ctx: CliContext): Promise<number>;
}
