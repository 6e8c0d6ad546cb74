/** Attribute getter/setter pair for JSON kept in a TEXT column: MariaDB's JSON type comes back from
 *  mysql2 as a string, SQLite has none, and TEXT behaves the same on both. */
export function jsonText<T>(field: string, fallback: T) {
  return {
    get(this: { getDataValue(key: string): unknown }): T {
      const raw = this.getDataValue(field);
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : fallback;
    },
    set(this: { setDataValue(key: string, value: unknown): void }, value: T) {
      this.setDataValue(field, value === null || value === undefined ? null : JSON.stringify(value));
    },
  };
}
