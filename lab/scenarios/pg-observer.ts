import pg from 'pg';

/** The lab's own view of the database server, on a connection of its own (never the function's). */
export class PgObserver {
  private readonly client: pg.Client;

  private constructor(client: pg.Client) {
    this.client = client;
  }

  static async open(url: string): Promise<PgObserver> {
    const client = new pg.Client({ connectionString: url, application_name: 'lab-observer' });
    client.on('error', () => {});
    await client.connect();
    return new PgObserver(client);
  }

  async query<Row extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.client.query<Row>(text, params)).rows;
  }

  /** Server sessions opened with this application_name (the function's connections, tagged per run). */
  async sessions(applicationName: string): Promise<Array<{ pid: number; state: string | null; query: string }>> {
    return this.query('select pid, state, query from pg_stat_activity where application_name = $1', [applicationName]);
  }

  /** Sessions of one role, whatever their application_name. */
  async roleSessions(role: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where usename = $1',
      [role],
    );
    return row?.n ?? 0;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

/** The same database URL, with every connection tagged: pg_stat_activity then tells runs apart. */
export function withApplicationName(url: string, applicationName: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', applicationName);
  return parsed.toString();
}

/** The same database URL as another role. */
export function asRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}
