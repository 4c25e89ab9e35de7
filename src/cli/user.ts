import os from 'node:os';
import { createUser, generatePassword, listUsers, setPassword, setUserDisabled } from '../accounts/index.js';
import { operator } from '../domain/actor.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { newPassword } from './read-password.js';

/** Who did it, for the audit log, when it was done on the server's command line. */
export const cliActor = (): string => `cli:${os.userInfo().username}`;

/** `dossier user add NAME --role R [--password-stdin]`: create an account. */
export async function userAddCommand(app: App, name: string, options: { role: string; passwordStdin?: boolean }): Promise<void> {
  const typed = await newPassword(options);
  const password = typed ?? generatePassword();
  const user = await createUser(app.records, { actor: operator(cliActor()), name, role: options.role, password });
  console.log(`Created ${user.role} "${user.name}".`);
  if (typed === null) {
    console.log(`Password (shown once; keep it somewhere safe, change it at /account): ${password}`);
  }
  if (user.role !== 'admin') console.log(`Grant collections with: npx dossier grant ${user.name} COLLECTION`);
}

/** `dossier user passwd NAME [--password-stdin]`: set a new password; the user's sessions end. */
export async function userPasswdCommand(app: App, name: string, options: { passwordStdin?: boolean }): Promise<void> {
  const typed = await newPassword(options);
  const password = typed ?? generatePassword();
  await setPassword(app.records, { actor: operator(cliActor()), name, password });
  console.log(`Changed the password of "${name}"; their sessions have ended.`);
  if (typed === null) console.log(`New password (shown once): ${password}`);
}

/** `dossier user disable|enable NAME`. */
export async function userDisableCommand(app: App, name: string, disabled: boolean): Promise<void> {
  await setUserDisabled(app.records, { actor: operator(cliActor()), name, disabled });
  console.log(disabled ? `Disabled "${name}"; their sessions have ended.` : `Enabled "${name}".`);
}

/** `dossier user ls [--json]`: accounts, roles and granted collections. */
export async function userListCommand(app: App, options: { json?: boolean }): Promise<void> {
  const users = await listUsers(app.records);
  if (options.json) {
    for (const u of users) printJson(u);
    return;
  }
  if (users.length === 0) {
    console.log('No accounts yet: npx dossier user add NAME --role admin');
    return;
  }
  for (const u of users) {
    const sees = u.role === 'admin' ? 'every collection' : u.collections.length ? u.collections.join(', ') : 'no collection yet';
    console.log(`${u.name.padEnd(20)} ${u.role.padEnd(9)} ${u.disabled ? 'disabled  ' : ''}${sees}`);
  }
}
