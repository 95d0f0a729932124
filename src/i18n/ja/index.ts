import { app } from './app';
import { parse } from './parse';
import { bundle } from './bundle';
import { meeting } from './meeting';
import { files } from './files';
import { reports } from './reports';
import { sheets } from './sheets';
import { safety } from './safety';

/** The Japanese catalog: every user-visible string of the app. */
export const ja = {
  ...app,
  ...parse,
  ...bundle,
  ...meeting,
  ...files,
  ...reports,
  ...sheets,
  ...safety,
} as const;
