/** What a parsed field's commit returns: the accepted value as displayed, or why it was refused. */
export type CommitResult = { ok: true; display: string } | { ok: false; message: string };

export const refused = (message: string): CommitResult => ({ ok: false, message });
export const accepted = (display: string): CommitResult => ({ ok: true, display });
