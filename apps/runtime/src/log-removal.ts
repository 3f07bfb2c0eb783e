import { dayOf, type LogFile, type LoggedEntry } from './decision-files.ts';
import type { LineTest } from './log-rewrite.ts';

/** What both logs' lines hold that removal reads: the time, the lead id, and (decisions) the e-mail. */
export interface LeadLine extends LoggedEntry {
  at: string;
  leadId: string | null;
  email?: string | null;
}

/**
 * Entries logged before `beforeIso`, and which files can hold them. A file is named for the UTC day of
 * its first batch and entries are appended in time order, so a file of a day that starts at or after
 * the cut holds none: it is left unread. Every older file is read and rewritten without them (deleted
 * when nothing is left, which is what happens to whole old days). A cut at midnight UTC, as the
 * retention sweep's, reads only the files from before it.
 */
export function olderThan(beforeIso: string) {
  const before = new Date(beforeIso).toISOString();
  const lastRead = dayOf(Date.parse(before) - 1);
  const test: LineTest<LeadLine> = { drop: (e) => e.at < before };
  const plan = (f: LogFile) => (f.date <= lastRead ? 'filter' : 'keep');
  return { test, plan };
}

/**
 * Entries of one lead: its lead id is one of the values, or its e-mail is one of them in lower case
 * (the decision log keeps e-mails lower-cased). A line is parsed only when it holds one of the values
 * as JSON writes it, so a file without them is read once and never written.
 */
export function byLead(leadIdOrEmail: string | readonly string[]): LineTest<LeadLine> {
  const values = typeof leadIdOrEmail === 'string' ? [leadIdOrEmail] : [...leadIdOrEmail];
  const ids = new Set(values);
  const emails = new Set(values.map((v) => v.toLowerCase()));
  const quoted = [...new Set([...ids, ...emails])].map((v) => JSON.stringify(v));
  return {
    mayMatch: (line) => quoted.some((q) => line.includes(q)),
    drop: (e) => (e.leadId !== null && ids.has(e.leadId)) || (e.email != null && emails.has(e.email)),
  };
}
