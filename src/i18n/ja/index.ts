import { app } from './app';
import { parse } from './parse';
import { bundle } from './bundle';
import { meeting } from './meeting';
import { files } from './files';

/** The Japanese catalog: every user-visible string of the app. */
export const ja = {
  ...app,
  ...parse,
  ...bundle,
  ...meeting,
  ...files,
} as const;
