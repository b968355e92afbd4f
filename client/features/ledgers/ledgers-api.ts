import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  FundAccount,
  ImportCrs,
  ImportProgress,
  ImportRecord,
  ImportRegister,
  ImportReport,
  PeriodReport,
  ReportSubmission,
  RevenuePublication,
  TopUpTask,
} from '../../../common/ledgers.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

// Ledgers over the API: imports (upload with progress, dry run, apply, undo), maintenance funds
// and their top-up tasks, and the quarterly reports (list, one report, XLSX download).

const KEY = ['ledgers'] as const;

export function useImports(token: string): ApiState<ImportRecord[]> {
  return useApiQuery({
    queryKey: [...KEY, 'imports'],
    fetch: (signal) => apiRequest<ImportRecord[]>('/api/imports', { token, signal }),
  });
}

export function useFundAccounts(token: string): ApiState<FundAccount[]> {
  return useApiQuery({
    queryKey: [...KEY, 'funds'],
    fetch: (signal) => apiRequest<FundAccount[]>('/api/funds', { token, signal }),
  });
}

export function useTopUpTasks(token: string): ApiState<TopUpTask[]> {
  return useApiQuery({
    queryKey: [...KEY, 'tasks'],
    fetch: (signal) => apiRequest<TopUpTask[]>('/api/funds/tasks', { token, signal }),
  });
}

export function useRevenue(token: string, quarter: string): ApiState<RevenuePublication[]> {
  return useApiQuery({
    queryKey: [...KEY, 'revenue', quarter],
    fetch: (signal) =>
      apiRequest<RevenuePublication[]>('/api/funds/revenue', {
        token,
        signal,
        params: { quarter },
      }),
  });
}

export function useReportList(
  token: string,
  period: string,
  enabled = true,
): ApiState<ReportSubmission[]> {
  return useApiQuery({
    enabled,
    queryKey: [...KEY, 'reports', period],
    fetch: (signal) =>
      apiRequest<ReportSubmission[]>('/api/reports', { token, signal, params: { period } }),
    keepPrevious: true,
  });
}

export function useReport(token: string, unit: string, period: string): ApiState<PeriodReport> {
  return useApiQuery({
    queryKey: [...KEY, 'report', unit, period],
    fetch: (signal) =>
      apiRequest<PeriodReport>(`/api/reports/${unit}/${period}`, { token, signal }),
  });
}

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'upload'; done: number; total: number }
  | { phase: 'server'; progress: ImportProgress | null }
  | { phase: 'done'; status: number; report: ImportReport | null; error: string | null };

export type UploadRequest = {
  token: string;
  register: ImportRegister;
  file: File;
  crs: ImportCrs;
  dryRun: boolean;
  onState: (s: UploadState) => void;
};

/**
 * Uploads a ledger (XHR, for its upload progress), then polls the server's phases until the
 * answer comes; resolves with the final state.
 */
export function uploadLedger(r: UploadRequest): Promise<UploadState> {
  const progressId = `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const form = new FormData();
  form.append('file', r.file, r.file.name);
  const xhr = new XMLHttpRequest();
  const query = `?dryRun=${r.dryRun ? 1 : 0}&crs=${r.crs}&progressId=${progressId}`;
  xhr.open('POST', `/api/imports/${r.register}${query}`);
  xhr.setRequestHeader('authorization', `Bearer ${r.token}`);
  let poll: ReturnType<typeof setInterval> | undefined;
  xhr.upload.onprogress = (e) => r.onState({ phase: 'upload', done: e.loaded, total: e.total });
  xhr.upload.onload = () => {
    r.onState({ phase: 'server', progress: null });
    poll = setInterval(async () => {
      const res = await apiRequest<ImportProgress>(`/api/imports/progress/${progressId}`, {
        token: r.token,
      });
      if ('data' in res && xhr.readyState !== 4) r.onState({ phase: 'server', progress: res.data });
    }, 300);
  };
  return new Promise((resolve) => {
    const finish = (s: UploadState) => {
      clearInterval(poll);
      r.onState(s);
      resolve(s);
    };
    xhr.onload = () => {
      const body = safeJson(xhr.responseText) as
        (ImportReport & { error?: { message: string } }) | null;
      const report = body && 'counts' in body ? body : null;
      finish({ phase: 'done', status: xhr.status, report, error: body?.error?.message ?? null });
    };
    xhr.onerror = () => finish({ phase: 'done', status: 0, report: null, error: 'network error' });
    xhr.send(form);
  });
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** Undoes an import; refreshes imports and what they touched. */
export function useUndoImport(token: string) {
  const client = useQueryClient();
  return useMutation<ImportRecord, ApiFailure, number>({
    mutationFn: async (id) =>
      unwrap(await apiRequest<ImportRecord>(`/api/imports/${id}/undo`, { method: 'POST', token })),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Marks a street's report drafted or submitted. */
export function useReportStep(token: string) {
  const client = useQueryClient();
  return useMutation<
    ReportSubmission,
    ApiFailure,
    { row: ReportSubmission; action: 'draft' | 'submit' }
  >({
    mutationFn: async ({ row, action }) =>
      unwrap(
        await apiRequest<ReportSubmission>(
          `/api/reports/${row.streetCode}/${row.period}/${action}`,
          {
            method: 'POST',
            token,
            body: row.version === null ? {} : { version: row.version },
          },
        ),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: [...KEY, 'reports'] }),
  });
}

/** Downloads a file the API serves (a template, a report's workbook) under its own name. */
export async function downloadFile(
  token: string,
  path: string,
  fallbackName: string,
): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) return;
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
