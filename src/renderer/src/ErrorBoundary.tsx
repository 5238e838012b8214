import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("the Book view"). */
  scope: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Shows what went wrong instead of a blank window when a view throws while rendering. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`[offset] ${this.props.scope} crashed`, error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-panel" role="alert">
        <h2>Something went wrong in {this.props.scope}</h2>
        <p className="error-message">{error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
