/** An occupation as people read it: its name, with the code beside it in a lighter tone (issue 15, item 14). */
import { client, ok } from './api';
import { useEffect, useState } from 'react';
import { cached, useCached } from './data';

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

/** Several occupations' names at once, for text that cannot hold a component (a select's searchable label). */
export function useOccupationNames(codes: readonly (string | null | undefined)[]): Map<string, string> {
  const key = [...new Set(codes.filter((c): c is string => !!c))].sort().join(',');
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    const list = key ? key.split(',') : [];
    Promise.all(
      list.map((code) =>
        cached(`occupation:${code}`, () => ok(client.GET('/api/v1/occupations/{code}', { params: { path: { code } } })).then((o) => o.name)).then(
          (n) => [code, n] as const,
          () => [code, null] as const,
        ),
      ),
    ).then((pairs) => live && setNames(new Map(pairs.flatMap(([c, n]) => (n ? [[c, n] as [string, string]] : [])))));
    return () => {
      live = false;
    };
  }, [key]);
  return names;
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
