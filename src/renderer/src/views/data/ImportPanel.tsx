/**
 * Import files into the store: drop them on the zone or pick them with the file dialog. Each file is sent as text
 * and imported all-or-nothing on the Node side under one job (progress bar, ETA, Cancel), one file after another;
 * the log lists what each file wrote, or its "file, line N, field F" error. The kind is detected from the file
 * name and header unless chosen; asset and interval are only needed for files whose name does not say them.
 */
import { useRef, useState, type DragEvent } from 'react';
import { IMPORT_KINDS, type ImportKindName, type ImportSummaryResult } from '../../../../shared/contract/data';
import { OffsetApiError } from '../../../../shared/channels';
import { useApi } from '../../api/ApiContext';
import { ErrorMessage } from '../../ErrorMessage';
import { JobProgressBar, useJob } from '../../jobs';

export interface ImportOutcome {
  file: string;
  summary?: ImportSummaryResult;
  error?: string;
}

const KIND_LABELS: Record<ImportKindName | 'auto', string> = {
  auto: 'Detect from file',
  prices: 'Prices (OHLCV or wide closes)',
  vols: 'Implied-vol index (e.g. DVOL)',
  funding: 'Funding rates',
  chain: 'Option chain snapshot',
  positions: 'Positions CSV',
  portfolio: 'Portfolio JSON',
};

function describe(summary: ImportSummaryResult): string {
  const rows = `${summary.rows.toLocaleString('en-US')} ${summary.kind === 'positions' || summary.kind === 'portfolio' ? 'positions' : 'rows'}`;
  return `${summary.kind}: ${rows} into ${summary.series.join(', ')} in ${summary.ms.toLocaleString('en-US')} ms`;
}

export function ImportPanel({ onImported }: { onImported(outcomes: ImportOutcome[]): void }) {
  const api = useApi();
  const job = useJob<ImportOutcome[]>();
  const [kind, setKind] = useState<ImportKindName | 'auto'>('auto');
  const [asset, setAsset] = useState('');
  const [interval, setBarInterval] = useState<'' | '1d' | '4h'>('');
  const [log, setLog] = useState<ImportOutcome[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const running = job.state.status === 'running';

  function importFiles(files: File[]) {
    if (files.length === 0 || running) return;
    job.start(async (jobId) => {
      const outcomes: ImportOutcome[] = [];
      for (const file of files) {
        try {
          const summary = await api.importData({
            jobId,
            fileName: file.name,
            text: await file.text(),
            kind,
            ...(asset.trim() ? { asset: asset.trim() } : {}),
            ...(interval ? { interval } : {}),
          });
          outcomes.push({ file: file.name, summary });
        } catch (error) {
          if (error instanceof OffsetApiError && error.code === 'cancelled') throw error;
          outcomes.push({ file: file.name, error: error instanceof Error ? error.message : String(error) });
        }
        setLog((previous) => [outcomes[outcomes.length - 1], ...previous].slice(0, 50));
      }
      onImported(outcomes);
      return outcomes;
    });
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    importFiles([...event.dataTransfer.files]);
  }

  return (
    <section className="data-panel import-panel" aria-label="Import files">
      <h2>Import</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <span>Drop CSV or portfolio JSON files here, or</span>
        <button type="button" className="primary" disabled={running} onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".csv,.json,text/csv,application/json"
          aria-label="Files to import"
          hidden
          onChange={(e) => {
            importFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </div>
      <div className="toolbar import-options">
        <label>
          Kind{' '}
          <select aria-label="Import kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKindName | 'auto')}>
            {(['auto', ...IMPORT_KINDS] as const).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label title="Only for price or vol files whose name does not say the asset">
          Asset{' '}
          <input aria-label="Asset" size={6} placeholder="from name" value={asset} onChange={(e) => setAsset(e.target.value)} />
        </label>
        <label title="Only for price files whose name does not say the bar interval">
          Interval{' '}
          <select aria-label="Bar interval" value={interval} onChange={(e) => setBarInterval(e.target.value as '' | '1d' | '4h')}>
            <option value="">from name</option>
            <option value="1d">1 day</option>
            <option value="4h">4 hours</option>
          </select>
        </label>
      </div>
      <JobProgressBar job={job} label="Import" />
      {log.length > 0 && (
        <ul className="import-log" aria-label="Import results">
          {log.map((o, i) =>
            o.summary ? (
              <li key={i} className="import-ok">
                <strong>{o.file}</strong> — {describe(o.summary)}
              </li>
            ) : (
              <li key={i} className="import-failed">
                <ErrorMessage title={`${o.file} was not imported`} error={o.error} />
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
