import { app } from './app';
import { parse } from './parse';
import { bundle } from './bundle';
import { meeting } from './meeting';

/** The Japanese catalog: every user-visible string of the app. */
export const ja = {
  ...app,
  ...parse,
  ...bundle,
  ...meeting,
} as const;
