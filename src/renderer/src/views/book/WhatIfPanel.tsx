/**
 * The what-if strip above the Book grid: the margin before -> after (change) of the edits on screen, and the
 * "add trade" row (Deribit symbol + signed quantity, checked as typed). Nothing here is saved to the store.
 */
import { useState, type FormEvent } from 'react';
import { parseDeribitSymbol } from '../../../../engine/instrument';
import type { Trade } from '../../../../shared/contract/risk';
import { ErrorMessage } from '../../ErrorMessage';
import { formatCurrency, formatNumber } from '../../format';
import type { WhatIfState } from './useWhatIf';

const usd = (x: number) => formatCurrency(x, 'USD');
const signedUsd = (x: number) => `${x >= 0 ? '+' : '−'}${formatCurrency(Math.abs(x), 'USD')}`;

export function WhatIfSummary(props: { state: WhatIfState; initialMargin: number; maintenanceMargin: number; model: string; changes: number; onReset(): void }) {
  const { state, changes } = props;
  if (changes === 0) {
    return (
      <div className="what-if" aria-label="Margin">
        <span className="what-if-figure">
          IM <strong>{usd(props.initialMargin)}</strong>
        </span>
        <span className="what-if-figure">
          MM <strong>{usd(props.maintenanceMargin)}</strong>
        </span>
        <span className="muted">{props.model} · edit a quantity or add a trade to see the margin change</span>
      </div>
    );
  }
  const w = state.value;
  return (
    <div className="what-if active" aria-label="What-if margin" aria-busy={state.pending}>
      <span className="what-if-title">
        What-if ({changes} change{changes === 1 ? '' : 's'})
      </span>
      {w ? (
        <>
          <span className="what-if-figure" data-testid="what-if-im">
            IM {usd(w.initialBefore)} → <strong>{usd(w.initialAfter)}</strong> <span className={w.initialChange > 0 ? 'negative' : 'positive'}>({signedUsd(w.initialChange)})</span>
          </span>
          <span className="what-if-figure">
            MM {usd(w.maintenanceBefore)} → {usd(w.maintenanceAfter)} ({signedUsd(w.maintenanceChange)})
          </span>
          <span className="muted">
            {w.model} · {w.method === 'incremental' ? 'only the trades priced' : 'book recomputed'} in {formatNumber(w.millis, 0)} ms
          </span>
        </>
      ) : (
        !state.error && <span className="muted">computing…</span>
      )}
      {state.pending && w && <span className="muted">updating…</span>}
      <button type="button" onClick={props.onReset}>
        Reset what-if
      </button>
      {state.error !== null && <ErrorMessage title="What-if margin failed" error={state.error} />}
    </div>
  );
}

/** Validates the add-trade inputs; the message names the field. */
export function parseTrade(symbol: string, quantity: string): { trade: Trade } | { error: string } {
  const s = symbol.trim().toUpperCase();
  if (s === '') return { error: 'symbol: enter a Deribit instrument, e.g. BTC-27MAR26-100000-C' };
  try {
    parseDeribitSymbol(s);
  } catch (e) {
    return { error: `symbol: ${(e as Error).message}` };
  }
  const q = Number(quantity);
  if (quantity.trim() === '' || !Number.isFinite(q) || q === 0) return { error: 'quantity: enter a non-zero number (negative sells)' };
  return { trade: { symbol: s, quantity: q } };
}

export function AddTradeRow({ onAdd }: { onAdd(trade: Trade): void }) {
  const [symbol, setSymbol] = useState('');
  const [quantity, setQuantity] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTrade(symbol, quantity);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    onAdd(parsed.trade);
    setSymbol('');
    setQuantity('');
  };
  return (
    <form className="add-trade toolbar" onSubmit={submit} aria-label="Add trade">
      <span className="add-trade-label">Add trade</span>
      <input aria-label="Trade symbol" placeholder="Deribit symbol, e.g. BTC-27MAR26-100000-C" value={symbol} onChange={(e) => setSymbol(e.target.value)} size={34} />
      <input aria-label="Trade quantity" placeholder="quantity (− sells)" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} size={14} />
      <button type="submit">Add</button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
