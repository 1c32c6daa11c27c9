// The lab cluster's passwords: random per cluster, made when the cluster is, in one file that
// only this account can read (0600 in the lab's home). Nothing else holds them but the
// DATABASE_URL the lab hands its own processes.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PgPaths } from './cluster.ts';

export type LabCredentials = { adminPassword: string; appPassword: string };

function credentialsFile(paths: PgPaths): string {
  return path.join(paths.home, 'credentials.json');
}

/** The cluster's passwords, or null when the file is missing or not ours (the cluster is then made again). */
export function readCredentials(paths: PgPaths): LabCredentials | null {
  const file = credentialsFile(paths);
  try {
    const info = fs.statSync(file);
    // Readable by anyone else: its passwords may be known, so they are not used.
    if ((info.mode & 0o077) !== 0 || info.uid !== process.getuid?.()) return null;
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LabCredentials>;
    const ok = (p: unknown): p is string => typeof p === 'string' && /^[0-9a-f]{48}$/.test(p);
    return ok(value.adminPassword) && ok(value.appPassword)
      ? { adminPassword: value.adminPassword, appPassword: value.appPassword }
      : null;
  } catch {
    return null;
  }
}

/** New passwords for a new cluster, written (0600, atomically) before initdb uses them. */
export function createCredentials(paths: PgPaths): LabCredentials {
  const credentials = {
    adminPassword: randomBytes(24).toString('hex'),
    appPassword: randomBytes(24).toString('hex'),
  };
  const file = credentialsFile(paths);
  const temp = `${file}.${process.pid}.tmp`;
  fs.rmSync(temp, { force: true });
  // 'wx' with mode 0600: the file is never, even for a moment, readable by another user.
  fs.writeFileSync(temp, `${JSON.stringify(credentials)}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temp, file);
  return credentials;
}
