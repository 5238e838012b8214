/** Input checks shared by the statistics modules; messages name the array and index of the offending value. */

export function assertFiniteArray(name: string, values: ArrayLike<number>, label: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${name}: ${label}[${i}] = ${values[i]} is not finite`);
  }
}

/** A time-major panel (row t, column i at t * columns + i) must have a whole number of rows. */
export function panelRows(name: string, panel: Float64Array, columns: number): number {
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`${name}: column count ${columns} must be an integer >= 1`);
  if (panel.length % columns !== 0) {
    throw new RangeError(`${name}: panel length ${panel.length} is not a multiple of ${columns} columns`);
  }
  return panel.length / columns;
}
