/** File name of an exported report: offset-<book>-<model or run>-<YYYY-MM-DD>.xlsx, safe on every desktop OS. */
export function reportFileName(book: string, what: string, generatedAt: number): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'report';
  return `offset-${safe(book)}-${safe(what)}-${new Date(generatedAt).toISOString().slice(0, 10)}.xlsx`;
}
