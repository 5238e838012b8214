import type { Db } from './database';

/** Named, reusable model parameterisations (e.g. a margin preset with overrides). */
export interface ModelConfig {
  name: string;
  model: string;
  params: unknown;
}

export function saveModelConfig(db: Db, config: ModelConfig): void {
  db.prepare(
    `INSERT INTO model_configs (name, model, params_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET model = excluded.model, params_json = excluded.params_json, updated_at = excluded.updated_at`,
  ).run(config.name, config.model, JSON.stringify(config.params), Date.now());
}

export function getModelConfig(db: Db, name: string): ModelConfig | undefined {
  const row = db.prepare('SELECT name, model, params_json FROM model_configs WHERE name = ?').get(name) as { name: string; model: string; params_json: string } | undefined;
  return row && { name: row.name, model: row.model, params: JSON.parse(row.params_json) };
}

export function listModelConfigs(db: Db): ModelConfig[] {
  return (db.prepare('SELECT name, model, params_json FROM model_configs ORDER BY name').all() as { name: string; model: string; params_json: string }[]).map((r) => ({
    name: r.name,
    model: r.model,
    params: JSON.parse(r.params_json),
  }));
}
