/**
 * Accounts of the workbench: users and roles, argon2id passwords, grants of collections,
 * server-side sessions, what a user may see, and sign-in throttling.
 */
export { ROLES, isRole, type Access, type Role, type SessionUser } from './roles.js';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
export { authenticateUser, changePassword, countUsers, createUser, findUser, generatePassword, listUsers, setPassword, setUserDisabled, type UserRecord } from './users.js';
export { grantCollection, revokeCollection } from './grants.js';
export { createSession, deleteSession, sessionFor, SESSION_HOURS, type NewSession } from './sessions.js';
export { accessFor, mayAccessCollection, NO_ACCESS, scopeIds } from './access.js';
export { LoginThrottle, type ThrottleOptions } from './login-throttle.js';
