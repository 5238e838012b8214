/** A report-export job whose finished workbook is downloaded once (the Export report and Export XLSX buttons). */
import { useEffect, useRef } from 'react';
import type { ExportedReport } from '../../../shared/contract/data';
import { useJob, type JobControl } from '../jobs';
import { base64Bytes, downloadFile, XLSX_MIME } from './downloadFile';

export function useReportExport(): JobControl<ExportedReport> {
  const job = useJob<ExportedReport>();
  const { state } = job;
  const downloaded = useRef<ExportedReport | null>(null);
  useEffect(() => {
    if (state.status !== 'done' || downloaded.current === state.value) return;
    downloaded.current = state.value;
    downloadFile(state.value.fileName, base64Bytes(state.value.base64), XLSX_MIME);
  }, [state]);
  return job;
}
