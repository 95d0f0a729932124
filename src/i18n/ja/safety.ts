/** Japanese messages of the safety screens. */
export const safety = {
} as const;
