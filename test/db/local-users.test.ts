// The lab's PostgreSQL listens on 127.0.0.1, where every local user can reach it. Another user
// (here `nobody`) must not get in with anything it can read, and the role the app and exercises
// use must not be a superuser (COPY ... TO PROGRAM ran shell commands as the server's user).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../lab/repo-root.ts';

const url = inject('databaseUrl');
const { port } = new URL(url);
const HOME = path.join(REPO_ROOT, '.lab', 'pg-test');
const PG_MODULE = path.join(REPO_ROOT, 'node_modules', 'pg', 'lib', 'index.js');

/** Runs a Node script as `nobody` (no groups) and returns what it printed. */
function asNobody(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '--input-type=module', '-e', script],
      { cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin', HOME: '/' }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error && !stdout ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('another local user', () => {
  it('cannot log into the lab database with anything it can read', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import fs from 'node:fs';
      import path from 'node:path';
      const pg = createRequire(import.meta.url)(${JSON.stringify(PG_MODULE)});
      // Every password this user can find: the ones that used to be in the source, and any
      // file of the database's home it can read.
      const guesses = new Set(['lab', 'postgres', 'lab_admin']);
      const walk = (dir) => {
        let entries = [];
        try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
        for (const e of entries) {
          const file = path.join(dir, e.name);
          if (e.isDirectory()) walk(file);
          else {
            try {
              const text = fs.readFileSync(file, 'utf8');
              for (const word of text.match(/[A-Za-z0-9_-]{8,}/g) ?? []) guesses.add(word);
            } catch {}
          }
        }
      };
      walk(${JSON.stringify(HOME)});
      const results = [];
      for (const user of ['lab', 'lab_admin', 'postgres']) {
        for (const password of [...guesses].slice(0, 40)) {
          const client = new pg.Client({ host: '127.0.0.1', port: ${port}, user, password, database: 'postgres', connectionTimeoutMillis: 3000 });
          client.on('error', () => {});
          try { await client.connect(); results.push('IN as ' + user); await client.end(); }
          catch (e) { results.push(e.code ?? e.message); }
        }
      }
      console.log(JSON.stringify({ uid: process.getuid(), results: [...new Set(results)] }));
    `;
    const { uid, results } = JSON.parse(await asNobody(script)) as { uid: number; results: string[] };
    expect(uid).toBe(65534);
    expect(results).toEqual(['28P01']);
  }, 60_000);

  it('cannot read the file that holds the passwords', () => {
    const file = path.join(HOME, 'credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('the role the app and exercises connect as', () => {
  it('is not a superuser: COPY ... TO PROGRAM is refused', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ rolsuper: boolean }>(
        'select rolsuper from pg_roles where rolname = current_user',
      );
      expect(rows[0]!.rolsuper).toBe(false);
      await expect(client.query(`copy (select 1) to program 'id'`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
  });
});
