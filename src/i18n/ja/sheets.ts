/** Japanese messages of the sheets screens. */
export const sheets = {
} as const;
