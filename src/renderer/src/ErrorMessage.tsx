/** Inline message for a failed API call (async errors never reach an error boundary). */
export function ErrorMessage({ title, error }: { title: string; error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-panel" role="alert">
      <h2>{title}</h2>
      <p className="error-message">{message}</p>
    </div>
  );
}
