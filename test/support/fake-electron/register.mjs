// `node --import ./register.mjs out/main/index.js`: runs the built Electron main process under
// plain Node, with `electron` resolved to ./electron.mjs. See electron.mjs for what that is.
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);
