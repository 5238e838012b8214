/**
 * The margin model configuration: model kind, preset, and every parameter of the preset (or of the VaR/ES model)
 * as a form field. Edits are checked as typed against the same schemas the Node side uses; each problem shows next
 * to its field, named by its path, and Apply stays disabled until the document is valid. Apply sets the workspace
 * model, which every view then uses.
 */
import { useMemo, useState } from 'react';
import { presetSchema } from '../../../../engine/margin/presets/schema';
import { varSpecSchema } from '../../../../engine/margin/var/spec';
import type { MarginModelSpec } from '../../../../shared/api';
import type { MarginPresets } from '../../../../shared/contract/risk';
import { fieldText, fieldValue, getAt, issuesByPath, parameterFields, setAt, type ParameterField } from './parameterFields';

type Kind = MarginModelSpec['kind'];

const KIND_LABELS: Record<Kind, string> = { standard: 'Standard (per position)', grid: 'Grid portfolio margin', var: 'VaR', es: 'Expected shortfall (ES)' };

/** The document the form starts from for a spec: its edited parameters, else the shipped preset or VaR defaults. */
function startingDocument(spec: MarginModelSpec, presets: MarginPresets): Record<string, unknown> {
  if ('preset' in spec) return spec.parameters ?? presets.presets.find((p) => p.name === spec.preset)?.parameters ?? {};
  return { ...presets.varDefaults, ...spec.spec };
}

export function ModelConfigForm({ presets, model, onApply }: { presets: MarginPresets; model: MarginModelSpec; onApply(spec: MarginModelSpec): void }) {
  const [kind, setKind] = useState<Kind>(model.kind);
  const [preset, setPreset] = useState<string>('preset' in model ? model.preset : '');
  const [doc, setDoc] = useState<Record<string, unknown>>(() => startingDocument(model, presets));
  // The fields follow the document as loaded (a number field stays a number field while it holds a typo).
  const [shape, setShape] = useState(doc);
  const load = (next: Record<string, unknown>) => {
    setShape(next);
    setDoc(next);
  };

  const presetsOfKind = presets.presets.filter((p) => p.kind === kind);
  const isVar = kind === 'var' || kind === 'es';
  const fields = useMemo(() => parameterFields(shape), [shape]);
  const issues = useMemo(() => (isVar ? issuesByPath(varSpecSchema, { ...doc, measure: kind }) : issuesByPath(presetSchema, doc)), [doc, isVar, kind]);
  const shipped = presets.presets.find((p) => p.name === preset)?.parameters;
  const edited = isVar ? true : JSON.stringify(doc) !== JSON.stringify(shipped);

  const chooseKind = (next: Kind) => {
    setKind(next);
    if (next === 'var' || next === 'es') {
      setPreset('');
      load({ ...presets.varDefaults });
      return;
    }
    const first = presets.presets.find((p) => p.kind === next);
    setPreset(first?.name ?? '');
    load(first?.parameters ?? {});
  };
  const choosePreset = (name: string) => {
    setPreset(name);
    load(presets.presets.find((p) => p.name === name)?.parameters ?? {});
  };
  const apply = () => {
    if (isVar) onApply({ kind: kind as 'var' | 'es', spec: doc as Extract<MarginModelSpec, { kind: 'var' | 'es' }>['spec'] });
    else onApply(edited ? { kind: kind as 'standard' | 'grid', preset, parameters: doc } : { kind: kind as 'standard' | 'grid', preset });
  };
  const unplaced = [...issues].filter(([path]) => !fields.some((f) => path === f.path || path.startsWith(`${f.path}.`)));

  return (
    <section className="model-config" aria-label="Model configuration">
      <h2>Model configuration</h2>
      <div className="form-grid model-choice">
        <label>
          <span>Model</span>
          <select aria-label="Model kind" value={kind} onChange={(e) => chooseKind(e.target.value as Kind)}>
            {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {!isVar && (
          <label>
            <span>Preset</span>
            <select aria-label="Preset" value={preset} onChange={(e) => choosePreset(e.target.value)}>
              {presetsOfKind.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!isVar && <p className="muted preset-description">{presets.presets.find((p) => p.name === preset)?.description}</p>}
      <div className="config-actions">
        <button type="button" className="primary" disabled={issues.size > 0} onClick={apply}>
          Apply{!isVar && edited ? ' edited parameters' : ''}
        </button>
        <button type="button" onClick={() => (isVar ? load({ ...presets.varDefaults }) : choosePreset(preset))}>
          Reset to {isVar ? 'defaults' : 'preset'}
        </button>
        {issues.size > 0 ? (
          <span className="field-error" role="alert">
            {issues.size} invalid field{issues.size === 1 ? '' : 's'}: fix {issues.size === 1 ? 'it' : 'them'} to apply
          </span>
        ) : (
          <span className="muted">Applies to every view (Book, Scenarios, Stress…).</span>
        )}
      </div>
      {unplaced.map(([path, message]) => (
        <p key={path} className="field-error" role="alert">
          {path || 'parameters'}: {message}
        </p>
      ))}
      <div className="parameter-fields">
        {fields.map((field) => (
          <FieldInput
            key={`${kind}:${preset}:${field.path}`}
            field={field}
            value={getAt(doc, field.path)}
            issue={[...issues].filter(([path]) => path === field.path || path.startsWith(`${field.path}.`)).map(([path, m]) => (path === field.path ? m : `${path}: ${m}`)).join('; ')}
            onChange={(value) => setDoc((d) => setAt(d, field.path, value))}
          />
        ))}
      </div>
    </section>
  );
}

function FieldInput({ field, value, issue, onChange }: { field: ParameterField; value: unknown; issue: string; onChange(value: unknown): void }) {
  const id = `param-${field.path}`;
  const [text, setText] = useState(fieldText(value));
  // Follow outside changes (preset switch, reset) without clobbering what is being typed.
  const [seen, setSeen] = useState(value);
  if (value !== seen && JSON.stringify(fieldValue(field.type, text)) !== JSON.stringify(value)) {
    setSeen(value);
    setText(fieldText(value));
  }
  let input;
  if (field.type === 'boolean') {
    input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  } else if (field.type === 'choice') {
    input = (
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {field.options!.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  } else {
    input = (
      <input
        id={id}
        type="text"
        inputMode={field.type === 'text' ? 'text' : 'decimal'}
        value={text}
        aria-invalid={issue !== ''}
        aria-describedby={issue ? `${id}-issue` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          onChange(fieldValue(field.type, e.target.value));
        }}
      />
    );
  }
  return (
    <div className={`parameter-field${issue ? ' invalid' : ''}`}>
      <label htmlFor={id} title={field.path}>
        {field.path}
      </label>
      {input}
      {issue && (
        <span id={`${id}-issue`} className="field-error">
          {field.path}: {issue}
        </span>
      )}
    </div>
  );
}
