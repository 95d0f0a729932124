/**
 * zod pieces that carry the bounds of ./bounds.ts into the entity schemas (entities/*.schema.ts):
 * kept apart so that the app's first load does not need zod.
 */
import { z } from 'zod';
import { BOUNDS, RECORD_ID_RE } from './bounds';

/** A record id or a reference to one. */
export const recordId = () => z.string().regex(RECORD_ID_RE);
/** One line of text: a name, a number as printed, a unit, a title. */
export const shortText = () => z.string().max(BOUNDS.shortTextChars);
/** Free text: a note, a description, 実施内容, 検証結果まとめ. */
export const longText = () => z.string().max(BOUNDS.longTextChars);
/** A list of one-line texts (目指す方向性, 担当課, 出席委員 …). */
export const textList = () => z.array(shortText()).max(BOUNDS.listItems);
/** A fiscal year, 1900–2200. */
export const fiscalYear = () => z.number().int().min(BOUNDS.fiscalYearMin).max(BOUNDS.fiscalYearMax);
/** A number a person wrote (a KPI value, an amount of money). */
export const amount = () => z.number().min(-BOUNDS.numberAbs).max(BOUNDS.numberAbs);
/** Display order. */
export const order = () => z.number().min(-BOUNDS.counterMax).max(BOUNDS.counterMax);
/** A revision counter. */
export const counter = () => z.number().int().nonnegative().max(BOUNDS.counterMax);
