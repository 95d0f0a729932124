/**
 * The verification summary (issue 5): the drafted 検証結果まとめ of a project for a fiscal year,
 * the rule that keeps a person's text from being overwritten, and consistency hints between the
 * evaluation and the numbers. See docs/verification.md.
 */
export * from './catalog';
export * from './draft';
export * from './hints';
export * from './compose';
