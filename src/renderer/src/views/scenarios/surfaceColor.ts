/** The panel background of each theme (styles.css --surface), for chart borders and label halos drawn on canvas. */
import type { ThemeMode } from '../../theme';

export function surfaceColor(theme: ThemeMode): string {
  return theme === 'dark' ? '#1b2027' : '#ffffff';
}
