/** An occupation as people read it: its name, with the code beside it in a lighter tone (issue 15, item 14). */
import { client, ok } from './api';
import { useCached } from './data';

/** The occupation's name: the one given, else looked up once per code (cached for the page's life). */
export function useOccupationName(code: string | null | undefined, given?: string | null): string | null {
  return useCached<string | null>(
    `occupation:${code ?? ''}`,
    () =>
      given
        ? Promise.resolve(given)
        : code
          ? ok(client.GET('/api/v1/occupations/{code}', { params: { path: { code } } })).then((o) => o.name)
          : Promise.resolve(null),
    given ?? null,
  );
}

export function OccupationLabel({ code, name }: { code: string | null | undefined; name?: string | null }) {
  const n = useOccupationName(code, name);
  if (!code) return <>—</>;
  return (
    <span data-testid="occupation">
      {n ?? ''}
      {n ? ' ' : ''}
      <span className="page-note" style={{ fontSize: '0.75rem' }}>
        {code}
      </span>
    </span>
  );
}
