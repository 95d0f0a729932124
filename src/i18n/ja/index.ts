import { app } from './app';
import { parse } from './parse';

/** The Japanese catalog: every user-visible string of the app. */
export const ja = {
  ...app,
  ...parse,
} as const;
