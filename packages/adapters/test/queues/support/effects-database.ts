// The idempotent side effect of the kill tests' jobs: one `effects` row per order (INSERT OR
// IGNORE), and one `executions` row per handler run (attempt and process id), in a SQLite file
// shared by the consumer processes and the test.
import { DatabaseSync } from 'node:sqlite';

/** Opens (and creates) the effects database. */
export function openEffects(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA busy_timeout = 10000');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS effects (order_id INTEGER PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS executions (
      seq INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, attempt INTEGER NOT NULL,
      pid INTEGER NOT NULL
    );`);
  return db;
}

/** Number of distinct orders with their effect written. */
export function effectCount(db: DatabaseSync): number {
  return Number(db.prepare('SELECT COUNT(*) AS n FROM effects').get()?.n);
}

/** Runs of one order's job, in order. */
export function executionsOf(
  db: DatabaseSync,
  orderId: number,
): Array<{ attempt: number; pid: number }> {
  return db
    .prepare('SELECT attempt, pid FROM executions WHERE order_id = ? ORDER BY seq')
    .all(orderId)
    .map((row) => ({ attempt: Number(row.attempt), pid: Number(row.pid) }));
}
