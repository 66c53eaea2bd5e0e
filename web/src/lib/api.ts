/**
 * The one way the web app talks to the API: same origin, cookie session, problem+json errors — a typed client
 * generated from the server's OpenAPI document (`web/src/api/schema.d.ts`, `npm run api:gen`) on openapi-fetch.
 *
 *   const batch = await ok(client.GET('/api/v1/subsidy/batches/{id}', { params: { path: { id } } }));
 *   await ok(client.POST('/api/v1/subsidy/batches', { body, headers: idempotent() }));   // a money-moving POST
 *
 * Every answer that is not 2xx is thrown as an `ApiError` (the middleware below), so `ok` returns the data.
 * Types of the API's shapes come from the same file: `ResponseOf<path>`, `ItemOf<list path>`, `BodyOf<path>`.
 */
import createClient, { type ClientPathsWithMethod, type MethodResponse, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from '../api/schema';

export type { components, operations, paths };

export type FieldIssue = NonNullable<Problem['errors']>[number];

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

/** A query as a form builds it: empty values are left out of the URL. */
export type Query = Record<string, string | number | boolean | undefined | null>;

export function qs(query?: Record<string, unknown>): string {
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

/** Problem details come back in the screen's language (the server reads Accept-Language). */
function acceptLanguage(): string {
  return typeof localStorage !== 'undefined' && localStorage.getItem('lang') === 'en' ? 'en' : 'zh-CN,zh;q=0.9';
}

/** What every call adds: the accepted type and language; an answer that is not 2xx becomes a thrown ApiError. */
const problems: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has('accept')) request.headers.set('accept', 'application/json');
    request.headers.set('accept-language', acceptLanguage());
    return request;
  },
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const err = await toError(response);
    if (response.status === 401 && !schemaPath.startsWith('/api/v1/auth/') && onUnauthenticated) onUnauthenticated();
    throw err;
  },
};

export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  // as the forms always sent them: an empty field is no filter
  querySerializer: (query) => qs(query as Record<string, unknown>).slice(1),
});
client.use(problems);

/** The data of a call that succeeded (a failed one has thrown an ApiError already). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const r = await call;
  return r.data as T;
}

/** The header of a money-moving POST: a fresh Idempotency-Key, so a double click or a retry is answered once. */
export function idempotent(key: string = crypto.randomUUID()): { 'idempotency-key': string } {
  return { 'idempotency-key': key };
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The API's paths that answer `method`. */
export type PathOf<M extends Method> = ClientPathsWithMethod<typeof client, M>;
/** What a successful call of `method` on `path` answers. */
export type ResponseOf<P extends PathOf<M>, M extends Method = 'get'> = MethodResponse<typeof client, M, P>;
/** The JSON body a call of `method` on `path` sends. */
export type BodyOf<P extends PathOf<M>, M extends Method = 'post'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : never;
/** The path parameters of a call of `method` on `path`. */
export type PathParamsOf<P extends PathOf<M>, M extends Method = 'get'> = paths[P][M] extends { parameters: { path: infer X } } ? X : never;
/** The query parameters of a GET on `path`. */
export type QueryOf<P extends PathOf<'get'>> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The GET paths that answer a page `{ items, total }`. */
export type ListPath = { [P in PathOf<'get'>]: ResponseOf<P> extends { items: unknown[]; total: number } ? P : never }[PathOf<'get'>];
/** One item of what a GET on `path` lists (`{ items }`). */
export type ItemOf<P extends PathOf<'get'>> = ResponseOf<P> extends { items: (infer I)[] } ? I : never;
/** The API's named schemas (`components.schemas`). */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

export interface Page<T> {
  total: number;
  items: T[];
}

type LooseGet = (
  path: string,
  init: { params?: { path?: Record<string, unknown>; query?: Record<string, unknown> }; parseAs?: 'blob'; headers?: Record<string, string> },
) => Promise<{
  data?: unknown;
  response: Response;
}>;
/** A GET whose query a form built at run time (the lists' filters; the server validates them). */
const looseGet = client.GET as unknown as LooseGet;

/** A page of a list, with the filters a form built (empty ones left out). */
export async function getList<P extends ListPath>(path: P, query: Query, params: { path?: Record<string, string> } = {}): Promise<ResponseOf<P>> {
  return (await looseGet(path, { params: { ...params, query } })).data as ResponseOf<P>;
}

/** The GET paths that answer a file (their response is not described as JSON). */
export type DownloadPath = PathOf<'get'>;

/** Downloads a file the API serves (same-origin, cookie), with the server's file name when it gives one. */
export async function download<P extends DownloadPath>(
  path: P,
  params: { path?: Record<string, string>; query?: Record<string, unknown> },
  fallbackName: string,
): Promise<void> {
  const { data, response } = await looseGet(path, { params, parseAs: 'blob', headers: { accept: '*/*' } });
  const cd = response.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1] ?? m[2] ?? fallbackName) : fallbackName;
  saveBlob(data as Blob, name);
}

/** The POST paths that take a file (CSV, xlsx or XML as the request body). */
export type UploadPath = PathOf<'post'>;

const FILE_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xml: 'application/xml',
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** Sends a file as the body of a POST (its type from its name: .csv, .xml, .pdf, .jpg/.jpeg, .png, else xlsx). */
export async function upload<P extends UploadPath>(
  path: P,
  file: File,
  params: { path?: Record<string, string>; query?: Record<string, unknown> } = {},
): Promise<ResponseOf<P, 'post'>> {
  const type = FILE_TYPES[file.name.toLowerCase().split('.').pop() ?? ''] ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const post = client.POST as unknown as (
    path: string,
    init: { params: typeof params; body: Blob; bodySerializer: (b: Blob) => Blob; headers: Record<string, string> },
  ) => Promise<{ data?: unknown }>;
  const r = await post(path, { params, body: new Blob([file], { type }), bodySerializer: (b) => b, headers: { 'content-type': type } });
  return r.data as ResponseOf<P, 'post'>;
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
export type OperationId = keyof operations;
let ops: Promise<Set<string>> | null = null;
export function availableOperations(): Promise<Set<string>> {
  if (!ops) {
    ops = fetch('/api/openapi.json', { credentials: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, Record<string, { operationId?: string }>> }>) : { paths: {} }))
      .then((doc) => {
        const ids = new Set<string>();
        for (const item of Object.values(doc.paths ?? {}))
          for (const op of Object.values(item)) if (op && typeof op === 'object' && op.operationId) ids.add(op.operationId);
        return ids;
      })
      .catch(() => new Set<string>());
  }
  return ops;
}
