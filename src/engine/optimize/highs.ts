import loadHighs, { type Highs } from 'highs';

/** The HiGHS WebAssembly runtime, instantiated once per process (loading compiles the Wasm module). */
let runtime: Promise<Highs> | undefined;

export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}
