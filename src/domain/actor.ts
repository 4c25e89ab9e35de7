/**
 * Who performs a write. Every command takes `{actor, …input}`: a signed-in user of the
 * workbench, or the operator at the command line (who holds the workspace's files and so
 * every right; recorded in the audit log under their name, "cli" unless told otherwise).
 */
export type Actor =
  | { kind: 'user'; id: number; name: string; role: 'admin' | 'editor' | 'reporter' | 'viewer' }
  | { kind: 'operator'; name: string };

/** The command line's operator. */
export const operator = (name = 'cli'): Actor => ({ kind: 'operator', name });

/** Editors and admins change what the newsroom publishes; the operator may do anything. */
export function mayEdit(actor: Actor): boolean {
  return actor.kind === 'operator' || actor.role === 'admin' || actor.role === 'editor';
}

/** The audit log's user columns for an actor. */
export function auditUser(actor: Actor): { user: { id: number; name: string } | null; username: string } {
  return actor.kind === 'user' ? { user: { id: actor.id, name: actor.name }, username: actor.name } : { user: null, username: actor.name };
}
