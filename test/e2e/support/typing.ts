// Data entry as a person does it, for the e2e tests about data entry: click (or, with `tap`, touch)
// the cell, type the text key by key with the keyboard, then Enter or Tab to leave it. Unlike
// locator.fill(), which sets the value without typing, this goes through focus, selection, key and
// input events as a real entry does, so a cell that inserts into its old value instead of replacing
// it is caught. Full-width digits and 万/千 are typed as the characters an IME commits.
import type { Locator } from 'playwright-core';

export interface TypeIntoOptions {
  /** Leave the cell with Enter (default), Tab, or not at all (`null`). */
  finish?: 'Enter' | 'Tab' | null;
  /** A touch tap instead of a mouse click (the page's context needs `hasTouch`). */
  tap?: boolean;
}

export async function typeInto(cell: Locator, text: string, { finish = 'Enter', tap = false }: TypeIntoOptions = {}): Promise<void> {
  if (tap) await cell.tap();
  else await cell.click();
  const keyboard = cell.page().keyboard;
  await keyboard.type(text);
  if (finish) await keyboard.press(finish);
}
