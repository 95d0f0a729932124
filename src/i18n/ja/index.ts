import { app } from './app';
import { parse } from './parse';
import { bundle } from './bundle';

/** The Japanese catalog: every user-visible string of the app. */
export const ja = {
  ...app,
  ...parse,
  ...bundle,
} as const;
