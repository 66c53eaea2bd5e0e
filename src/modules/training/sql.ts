/** A WHERE clause built condition by condition for training's lists: `?` in a condition stands for its value. */
export class Conditions {
  readonly list: string[];
  constructor(
    readonly params: unknown[] = [],
    first: readonly string[] = [],
  ) {
    this.list = [...first];
  }

  /** Adds the condition with its value (each `?` becomes the value's placeholder). */
  add(sql: string, value: unknown): this {
    this.params.push(value);
    this.list.push(sql.replaceAll('?', `$${this.params.length}`));
    return this;
  }

  /** Adds the condition only when a value is given (not undefined, not an empty string). */
  when(sql: string, value: unknown): this {
    return value === undefined || value === '' ? this : this.add(sql, value);
  }

  /** The conditions joined by AND ('TRUE' when there are none). */
  get sql(): string {
    return this.list.length ? this.list.join(' AND ') : 'TRUE';
  }

  /** LIMIT and OFFSET placeholders after the conditions' values, and the values to pass with them. */
  page(limit: number, offset: number): { sql: string; params: unknown[] } {
    const n = this.params.length;
    return { sql: `LIMIT $${n + 1} OFFSET $${n + 2}`, params: [...this.params, limit, offset] };
  }
}

/** A LIKE pattern's special characters escaped (the default escape character, backslash). */
export const likeEscaped = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
