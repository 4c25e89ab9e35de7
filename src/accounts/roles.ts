/** The vocabulary of accounts: roles, the signed-in user, and what a user may see. */
export const ROLES = ['admin', 'editor', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The person behind a request, once signed in. */
export interface SessionUser {
  id: number;
  name: string;
  role: Role;
}

/**
 * What a user may see: admins every collection (`all`), everyone else only the collections
 * granted to them. Every page and API route checks a document's collection against this.
 */
export interface Access {
  all: boolean;
  collectionIds: number[];
  collectionNames: string[];
}
