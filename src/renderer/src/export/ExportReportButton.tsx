/** "Export report": the XLSX margin report of the selected portfolio and model. */
export function ExportReportButton() {
  return null;
}
