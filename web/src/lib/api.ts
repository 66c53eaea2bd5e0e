/** The one way the web app talks to the API: same origin, cookie session, problem+json errors. */

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    readonly issues?: FieldIssue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail || code);
    this.name = 'ApiError';
  }
}

export interface Page<T> {
  total: number;
  items: T[];
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function qs(query?: Query): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  const { code, detail, field, errors, ...extra } = body as {
    code?: string;
    detail?: string;
    field?: string;
    errors?: FieldIssue[];
  } & Record<string, unknown>;
  return new ApiError(res.status, code ?? (res.status >= 500 ? 'INTERNAL' : 'HTTP_' + res.status), detail ?? res.statusText, field, errors, extra);
}

export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  init?: { raw?: { type: string; data: BlobPart }; headers?: Record<string, string> },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...(init?.headers ?? {}) };
  let payload: BodyInit | undefined;
  if (init?.raw) {
    headers['content-type'] = init.raw.type;
    payload = new Blob([init.raw.data], { type: init.raw.type });
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url.startsWith('/api/') ? url : `/api/v1${url}`, { method, headers, body: payload, credentials: 'same-origin' });
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !url.startsWith('/auth/') && onUnauthenticated) onUnauthenticated();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>('GET', url + qs(query)),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  /** A money-moving POST: sent with a fresh Idempotency-Key, so a double click or a retry is answered once. */
  postOnce: <T>(url: string, body?: unknown, key: string = crypto.randomUUID()) => request<T>('POST', url, body, { headers: { 'idempotency-key': key } }),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(url: string, file: File, query?: Query) =>
    request<T>('POST', url + qs(query), undefined, {
      raw: {
        type: file.name.toLowerCase().endsWith('.csv')
          ? 'text/csv'
          : file.name.toLowerCase().endsWith('.xml')
            ? 'application/xml'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: file,
      },
    }),
};

/** Downloads a file the API serves (same-origin, cookie), with the server's file name when it gives one. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url.startsWith('/api/') ? url : `/api/v1${url}`, { credentials: 'same-origin' });
  if (!res.ok) throw await toError(res);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1] ?? m[2] ?? fallbackName) : fallbackName;
  saveBlob(blob, name);
}

export function saveBlob(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The operations the running server offers (from its OpenAPI document): pages appear only when their API exists. */
let operations: Promise<Set<string>> | null = null;
export function availableOperations(): Promise<Set<string>> {
  if (!operations) {
    operations = fetch('/api/openapi.json', { credentials: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, Record<string, { operationId?: string }>> }>) : { paths: {} }))
      .then((doc) => {
        const ids = new Set<string>();
        for (const item of Object.values(doc.paths ?? {}))
          for (const op of Object.values(item)) if (op && typeof op === 'object' && op.operationId) ids.add(op.operationId);
        return ids;
      })
      .catch(() => new Set<string>());
  }
  return operations;
}
