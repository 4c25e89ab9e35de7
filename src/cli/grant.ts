import { grantCollection, revokeCollection } from '../accounts/index.js';
import { operator } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import type { App } from './app.js';
import { cliActor } from './user.js';

/** `dossier grant USER COLLECTION` / `dossier revoke USER COLLECTION`. */
export async function grantCommand(app: App, user: string, collection: string, revoke: boolean): Promise<void> {
  if (revoke) {
    const result = await revokeCollection(app.records, { actor: operator(cliActor()), user, collection });
    if (!result.removed) throw new DossierError('not_found', `"${user}" had no grant of "${collection}"`);
    console.log(`"${user}" may no longer see "${collection}".`);
  } else {
    const result = await grantCollection(app.records, { actor: operator(cliActor()), user, collection });
    console.log(result.added ? `"${user}" may now see "${collection}".` : `"${user}" could already see "${collection}".`);
  }
}
