/**
 * AG Grid setup: register only the community modules the views use (about half the bundle of AllCommunityModule).
 * Row grouping is an AG Grid Enterprise feature, so grouped views build their subtotal rows themselves.
 */
import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CsvExportModule,
  DateFilterModule,
  EventApiModule,
  ModuleRegistry,
  NumberEditorModule,
  NumberFilterModule,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  themeQuartz,
  TooltipModule,
  UndoRedoEditModule,
} from 'ag-grid-community';

ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CellStyleModule,
  RowStyleModule,
  TooltipModule,
  CsvExportModule,
  TextEditorModule,
  NumberEditorModule,
  SelectEditorModule,
  UndoRedoEditModule,
  PinnedRowModule,
  RowSelectionModule,
  RowApiModule,
  ColumnApiModule,
  RenderApiModule,
  EventApiModule,
]);

/** Quartz, with its base colours taken from the app's CSS variables so the grid follows the light/dark theme. */
export const gridTheme = themeQuartz.withParams({
  fontSize: 13,
  headerFontSize: 13,
  spacing: 6,
  backgroundColor: 'var(--surface)',
  foregroundColor: 'var(--text)',
  borderColor: 'var(--border)',
});
