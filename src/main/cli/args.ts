/**
 * Command-line parsing: positional words, `--name value`, `--name=value` and bare flags. A flag is bare when it is a
 * known boolean (below), the last token, or followed by another `--option`.
 */
export const BOOLEAN_FLAGS = new Set(['json', 'help', 'allow-remote', 'no-progress', 'apc-floor']);

export interface ParsedArgs {
  words: string[];
  options: Record<string, string | boolean>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const words: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '-h') options.help = true;
    else if (token.startsWith('--') && token.length > 2) {
      const eq = token.indexOf('=');
      if (eq > 0) options[token.slice(2, eq)] = token.slice(eq + 1);
      else {
        const name = token.slice(2);
        const next = argv[i + 1];
        if (BOOLEAN_FLAGS.has(name) || next === undefined || next.startsWith('--')) options[name] = true;
        else options[name] = argv[++i];
      }
    } else words.push(token);
  }
  return { words, options };
}

/** A string option's value; `--name` without a value is an error. */
export function stringOption(options: Record<string, string | boolean>, name: string): string | undefined {
  const value = options[name];
  if (value === true) throw new Error(`--${name} needs a value`);
  return typeof value === 'string' ? value : undefined;
}

export function numberOption(options: Record<string, string | boolean>, name: string, rule: (x: number) => boolean = Number.isFinite): number | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  const x = Number(text);
  if (text.trim() === '' || !rule(x)) throw new Error(`--${name} has an invalid value '${text}'`);
  return x;
}
