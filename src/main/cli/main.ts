/**
 * The `offset` command line (bin/offset.js loads this through tsx). Dispatches to the commands in ./commands by
 * their words; global options: --db PATH, --json, --help. Errors print one line to stderr, never a stack trace.
 */
import { parseArgs } from './args';
import type { CliCommand, CliContext } from './command';
import { commands as allCommands } from './commands';
import { formatTable } from './table';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** The command whose words are the longest prefix of `words`. */
export function findCommand(commands: CliCommand[], words: string[]): CliCommand | undefined {
  let best: CliCommand | undefined;
  for (const command of commands) {
    const matches = command.name.every((w, i) => words[i] === w);
    if (matches && command.name.length > (best?.name.length ?? 0)) best = command;
  }
  return best;
}

function overview(commands: CliCommand[]): string {
  return [
    'Offset: portfolio-margin risk workstation for crypto derivatives',
    '',
    'usage: offset <command> [arguments] [--db PATH] [--json] [--help]',
    '',
    formatTable(['command', 'summary'], commands.map((c) => [c.name.join(' '), c.summary])),
    '',
    'Global options: --db PATH (default: env OFFSET_DB, else offset.sqlite in the user data directory),',
    '--json (machine-readable output), --help. `offset <command> --help` shows a command\'s usage. See docs/cli.md.',
  ].join('\n');
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

export async function main(argv: string[], io: CliIo = processIo, commands: CliCommand[] = allCommands): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    io.stderr(`offset: ${oneLine((error as Error).message)}`);
    return 2;
  }
  const { words, options } = parsed;
  const command = findCommand(commands, words);
  if (!command) {
    if (words.length === 0 || options.help === true) {
      io.stdout(overview(commands));
      return words.length === 0 && options.help !== true ? 2 : 0;
    }
    const near = commands.filter((c) => c.name[0] === words[0]).map((c) => c.name.join(' '));
    io.stderr(`offset: unknown command '${words.join(' ')}'${near.length > 0 ? ` (did you mean: ${near.join(', ')}?)` : ''}; see offset --help`);
    return 2;
  }
  if (options.help === true) {
    io.stdout(`${command.summary}\n\nusage: ${command.usage}`);
    return 0;
  }
  const ctx: CliContext = { options, args: words.slice(command.name.length), json: options.json === true, stdout: io.stdout, stderr: io.stderr };
  try {
    return await command.run(ctx);
  } catch (error) {
    io.stderr(`offset ${command.name.join(' ')}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}
