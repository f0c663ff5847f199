/**
 * Compose dynamic SQL from small clause functions while every value travels as a bound parameter.
 * `const b = new SqlBuilder(); b.where(\`type = any(${b.param(types)})\`)` → text with $n and the params array.
 */
export class SqlBuilder {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Bind a value and return its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  whereClause(): string {
    return this.conditions.length ? `where ${this.conditions.map((c) => `(${c})`).join(' and ')}` : '';
  }
}
