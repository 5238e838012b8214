/** A rejected import: names the file, the 1-based line, the column and the offending value. Nothing was written. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | undefined,
    readonly value: string | undefined,
    readonly reason: string,
  ) {
    const where = column === undefined ? '' : ` column '${column}'`;
    const what = value === undefined ? '' : ` value '${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
    super(`${file}:${line}:${where}${what}: ${reason}`);
    this.name = 'ImportError';
  }
}
