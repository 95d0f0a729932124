import { app } from './app';

/** The Japanese catalog: every user-visible string of the app. */
export const ja = {
  ...app,
} as const;
