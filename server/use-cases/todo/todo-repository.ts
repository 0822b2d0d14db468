/**
 * Todo persistence for the todo use case (seed 000): each user's todos, shared by all their threads.
 * The interface is async so a PostgreSQL implementation can follow; the embedded implementation keeps
 * its own table in the same SQLite file as the thread store.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/** One todo. */
export interface Todo {
  id: string;
  title: string;
  done: boolean;
  createdAt: string;
}

/** Todo storage scoped by user id. */
export interface TodoRepository {
  /** The user's todos, oldest first. */
  list(userId: string): Promise<Todo[]>;
  /** Adds a todo and returns it. */
  add(userId: string, title: string): Promise<Todo>;
  /** Sets the done flag; returns the updated todo, or null when the user has no such todo. */
  setDone(userId: string, id: string, done: boolean): Promise<Todo | null>;
  /** Deletes a todo; returns the removed todo, or null when there was none. */
  remove(userId: string, id: string): Promise<Todo | null>;
}

interface TodoRow {
  id: string;
  title: string;
  done: number;
  created_at: string;
}

const toTodo = (row: TodoRow): Todo => ({
  id: row.id,
  title: row.title,
  done: row.done === 1,
  createdAt: row.created_at,
});

/** {@link TodoRepository} on better-sqlite3 (table `demo_todos`). */
export class SqliteTodoRepository implements TodoRepository {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS demo_todos (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      user_id TEXT NOT NULL,
      title TEXT NOT NULL,
      done INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS demo_todos_user ON demo_todos (user_id, seq);`);
  }

  async list(userId: string): Promise<Todo[]> {
    const rows = this.db
      .prepare('SELECT id, title, done, created_at FROM demo_todos WHERE user_id = ? ORDER BY seq')
      .all(userId) as TodoRow[];
    return rows.map(toTodo);
  }

  async add(userId: string, title: string): Promise<Todo> {
    const todo: Todo = {
      id: `todo_${randomBytes(4).toString('hex')}`,
      title,
      done: false,
      createdAt: new Date().toISOString(),
    };
    this.db
      .prepare('INSERT INTO demo_todos (id, user_id, title, done, created_at) VALUES (?, ?, ?, 0, ?)')
      .run(todo.id, userId, todo.title, todo.createdAt);
    return todo;
  }

  async setDone(userId: string, id: string, done: boolean): Promise<Todo | null> {
    const result = this.db
      .prepare('UPDATE demo_todos SET done = ? WHERE user_id = ? AND id = ?')
      .run(done ? 1 : 0, userId, id);
    if (result.changes === 0) return null;
    return toTodo(
      this.db.prepare('SELECT id, title, done, created_at FROM demo_todos WHERE id = ?').get(id) as TodoRow,
    );
  }

  async remove(userId: string, id: string): Promise<Todo | null> {
    const row = this.db
      .prepare('SELECT id, title, done, created_at FROM demo_todos WHERE user_id = ? AND id = ?')
      .get(userId, id) as TodoRow | undefined;
    if (!row) return null;
    this.db.prepare('DELETE FROM demo_todos WHERE user_id = ? AND id = ?').run(userId, id);
    return toTodo(row);
  }
}

/**
 * Finds the todo a person or model means: an exact id, a 1-based position ("2"), an exact title, or the
 * first title containing the words (case-insensitive).
 */
export function findTodo(todos: readonly Todo[], reference: string): Todo | undefined {
  const ref = reference.trim().replace(/^["'“”]+|["'“”.!]+$/g, '');
  const lower = ref.toLowerCase();
  const byId = todos.find((todo) => todo.id === ref);
  if (byId) return byId;
  if (/^#?\d+$/.test(ref)) return todos[Number(ref.replace('#', '')) - 1];
  return (
    todos.find((todo) => todo.title.toLowerCase() === lower) ??
    todos.find((todo) => todo.title.toLowerCase().includes(lower)) ??
    todos.find((todo) => lower.includes(todo.title.toLowerCase()))
  );
}
