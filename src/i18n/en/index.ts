import type { JaCatalog } from '../ja';
import { app } from './app';
import { parse } from './parse';
import { bundle } from './bundle';
import { meeting } from './meeting';
import { files } from './files';
import { reports } from './reports';
import { sheets } from './sheets';
import { safety } from './safety';
import { ui } from './ui';
import { tablet } from './tablet';

export { domain } from './domain';

/**
 * The English catalog: one file per file of the Japanese catalog, with the same keys (each file is
 * typed against its Japanese counterpart, so a missing or extra key is a type error).
 */
export const en: Record<keyof JaCatalog, string> = {
  ...app,
  ...parse,
  ...bundle,
  ...meeting,
  ...files,
  ...reports,
  ...sheets,
  ...safety,
  ...ui,
  ...tablet,
};
