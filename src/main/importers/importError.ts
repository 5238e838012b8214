/** A rejected import: names the file, the 1-based line (0: the file as a whole), the column and the offending value. Nothing was written. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | undefined,
    readonly value: string | undefined,
    readonly reason: string,
  ) {
    const location = line > 0 ? `${file}:${line}` : file;
    const shown = value !== undefined && value.length > 60 ? `${value.slice(0, 60)}…` : value;
    const detail = [column === undefined ? '' : `column '${column}'`, shown === undefined ? '' : `value '${shown}'`].filter(Boolean).join(' ');
    super(detail ? `${location}: ${detail}: ${reason}` : `${location}: ${reason}`);
    this.name = 'ImportError';
  }
}
