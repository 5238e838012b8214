/**
 * A margin model's parameter document (a preset file, or the VaR/ES parameters) as a flat list of form fields, one
 * per editable leaf, keyed by its path ('default.tables.0.scenarios.priceRange'), and back. Text the user typed is
 * put back as typed when it is not a number, so the schema (not this module) reports the bad field by its path.
 * Descriptions, sources and the 'kind' discriminators are kept as they are: changing them changes the document's shape.
 */
import type { z } from 'zod';

export type FieldType = 'number' | 'numberList' | 'boolean' | 'text' | 'choice';

export interface ParameterField {
  path: string;
  type: FieldType;
  /** The choices of an enumerated field. */
  options?: readonly string[];
}

/** Enumerated fields of the preset and VaR schemas (src/engine/margin/presets/schema.ts, var/spec.ts), by key. */
const CHOICES: Record<string, readonly string[]> = {
  volShiftMode: ['absolute', 'relative'],
  volDynamics: ['sticky-strike', 'sticky-moneyness'],
  combine: ['scan', 'add'],
  mode: ['floor', 'add'],
  method: ['historical', 'fhs-ewma', 'fhs-garch', 'parametric', 'delta-gamma', 'montecarlo'],
  covariance: ['ewma', 'sample'],
  distribution: ['normal', 'student-t'],
};
const FIXED_KEYS = new Set(['kind', 'description', 'sources', 'name']);

const isNumberList = (value: unknown[]) => value.length > 0 && value.every((x) => typeof x === 'number');

export function parameterFields(doc: unknown, path: string[] = []): ParameterField[] {
  const key = path[path.length - 1] ?? '';
  if (FIXED_KEYS.has(key) && path.length > 0 && typeof doc !== 'object') return [];
  if (key === 'sources') return [];
  if (typeof doc === 'number') return [{ path: path.join('.'), type: 'number' }];
  if (typeof doc === 'boolean') return [{ path: path.join('.'), type: 'boolean' }];
  if (typeof doc === 'string') return CHOICES[key] ? [{ path: path.join('.'), type: 'choice', options: CHOICES[key] }] : [{ path: path.join('.'), type: 'text' }];
  if (Array.isArray(doc)) {
    if (isNumberList(doc)) return [{ path: path.join('.'), type: 'numberList' }];
    return doc.flatMap((item, i) => parameterFields(item, [...path, String(i)]));
  }
  if (doc && typeof doc === 'object') return Object.entries(doc).flatMap(([k, v]) => parameterFields(v, [...path, k]));
  return [];
}

export function getAt(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), doc);
}

/** A copy of `doc` with the value at `path` replaced. */
export function setAt<T>(doc: T, path: string, value: unknown): T {
  const copy = structuredClone(doc);
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy;
}

/** The text a field shows for its current value. */
export function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}

/** A typed value from a field's text: numbers (and lists of them) when they parse, else the text itself. */
export function fieldValue(type: FieldType, text: string): unknown {
  if (type === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === 'numberList') {
    const parts = text.split(',').map((s) => s.trim());
    return parts.every((s) => s !== '' && Number.isFinite(Number(s))) ? parts.map(Number) : text;
  }
  return text;
}

/** Schema issues by field path ('' for the document as a whole). */
export function issuesByPath(schema: z.ZodType, doc: unknown): Map<string, string> {
  const parsed = schema.safeParse(doc);
  const issues = new Map<string, string>();
  if (parsed.success) return issues;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    issues.set(path, issues.has(path) ? `${issues.get(path)}; ${issue.message}` : issue.message);
  }
  return issues;
}
