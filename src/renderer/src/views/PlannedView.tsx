/** Placeholder for a view listed in the navigation but not built yet: says so plainly. */
export function PlannedView({ label, blurb }: { label: string; blurb: string }) {
  return (
    <section className="view planned">
      <h1>{label}</h1>
      <p>{blurb}</p>
      <p className="muted">This view is not available yet.</p>
    </section>
  );
}
