/**
 * The message catalog. Every user-visible string comes from here; `{name}` placeholders are
 * filled from `params`. Japanese is the only language for now; a second catalog with the same
 * keys is added later.
 */
import { ja } from './ja';

export type MessageKey = keyof typeof ja;
export type MessageParams = Record<string, string | number>;

const catalog: Record<MessageKey, string> = ja;

/** Looks up a message and fills its `{placeholders}`. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = catalog[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
