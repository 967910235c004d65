// A deterministic text-to-SQL translator for a documented family of business questions on Chinook:
// keyword rules pick an intent, regular expressions pick its slots (years, N), and a template over
// the schema writes the SQL. No model: every step is inspectable, and every template passes the
// allow-list (sanitize.ts). Not a parser of English: questions outside the family are "unknown".
import {InputError} from "../kit/params.js";

export type Intent = "revenue-by-country" | "revenue-by-genre" | "revenue-by-month" | "top-customers" | "rep-performance" | "top-artists" | "top-tracks" | "growth" | "total-revenue";

/** Invoice years in Chinook (2021-01-01 … 2025-12-22). */
export const YEARS = [2021, 2022, 2023, 2024, 2025];
export const MAX_QUESTION_LENGTH = 500;

export interface Slots {
  /** one year to filter on, or null for all years */
  year: number | null;
  /** [from, to] years for growth */
  period: [number, number] | null;
  /** how many rows for top-N questions */
  n: number | null;
}

/** A clarifying question the agent asks before it runs any SQL. */
export interface Clarification {
  slot: "year" | "period" | "n";
  question: string;
  /** the answer used when the reader accepts the default */
  fallback: string;
  /** must be answered (true) or has a safe default that the report states as an assumption */
  required: boolean;
}

export interface Parsed {
  intent: Intent | null;
  /** every intent whose keywords matched, in priority order */
  matched: Intent[];
  slots: Slots;
  /** 1 when one specific intent matched (or only the generic total-revenue), 0.6 when several
   * specific ones did (the first wins), 0 when none */
  confidence: number;
}

/** The family, documented: one rule per intent, in priority order (the first match wins). */
export const RULES: {intent: Intent; keywords: RegExp; example: string; description: string}[] = [
  {intent: "growth", keywords: /\b(growth|grow|grew|change|changed|compare|compared|versus|vs)\b/i, example: "How did revenue grow from 2023 to 2024?", description: "revenue in one year against another"},
  {intent: "rep-performance", keywords: /\b(reps?|representatives?|sales ?people|salespeople|support agents?|employees?)\b/i, example: "Which sales rep sold the most in 2024?", description: "sales per support representative"},
  {intent: "top-customers", keywords: /\bcustomers?\b/i, example: "Who are our top 5 customers?", description: "customers by total spend"},
  {intent: "top-artists", keywords: /\bartists?\b/i, example: "Top 10 artists by units sold", description: "artists by units sold"},
  {intent: "top-tracks", keywords: /\b(tracks?|songs?)\b/i, example: "Best-selling tracks in 2022", description: "tracks by units sold"},
  {intent: "revenue-by-genre", keywords: /\bgenres?\b/i, example: "Revenue by genre in 2025", description: "revenue per genre (from invoice lines)"},
  {intent: "revenue-by-country", keywords: /\b(country|countries|markets?)\b/i, example: "Which countries bring in the most revenue?", description: "revenue per billing country"},
  {intent: "revenue-by-month", keywords: /\b(month|months|monthly)\b/i, example: "Monthly revenue in 2024", description: "revenue per month of one year"},
  {intent: "total-revenue", keywords: /\b(revenue|sales|income|turnover)\b/i, example: "What was total revenue in 2023?", description: "total revenue and invoice count"}
];

/**
 * Reads `question`: the intent (first matching rule), the years mentioned and a "top N".
 * Throws InputError for an empty question or one over MAX_QUESTION_LENGTH characters.
 */
export function parseQuestion(question: string): Parsed {
  const text = question.trim();
  if (text === "") throw new InputError("Type a question, e.g. \"Revenue by country in 2024\".");
  if (text.length > MAX_QUESTION_LENGTH) throw new InputError(`The question is ${text.length} characters; keep it under ${MAX_QUESTION_LENGTH}.`);
  const matched = RULES.filter((r) => r.keywords.test(text)).map((r) => r.intent);
  const years = [...text.matchAll(/\b(\d{4})\b/g)].map((m) => Number(m[1]));
  const top = /\btop\s+(\d{1,3})\b/i.exec(text) ?? /\b(\d{1,3})\s+(?:best|biggest|largest|top)\b/i.exec(text);
  const intent = matched[0] ?? null;
  const slots: Slots = {
    year: intent !== "growth" && years.length >= 1 ? years[0] : null,
    period: intent === "growth" && years.length >= 2 ? [years[0], years[1]] : null,
    n: top ? Number(top[1]) : null
  };
  const specific = matched.filter((i) => i !== "total-revenue").length;
  return {intent, matched, slots, confidence: matched.length === 0 ? 0 : specific <= 1 ? 1 : 0.6};
}

const isTopN = (intent: Intent) => intent === "top-customers" || intent === "top-artists" || intent === "top-tracks" || intent === "rep-performance";

/** The clarifying questions for a parsed question: what is missing, with the default the agent would use. */
export function clarifications(parsed: Parsed): Clarification[] {
  const out: Clarification[] = [];
  const {intent, slots} = parsed;
  if (!intent) return out;
  if (intent === "growth" && !slots.period) out.push({slot: "period", question: "Growth between which two years? (e.g. 2023-2024)", fallback: "2024-2025", required: true});
  if (intent === "revenue-by-month" && slots.year === null) out.push({slot: "year", question: "Months of which year? (2021–2025)", fallback: "2025", required: true});
  if (intent !== "growth" && intent !== "revenue-by-month" && slots.year === null) out.push({slot: "year", question: "Which year? (2021–2025, or \"all\")", fallback: "all", required: false});
  if (isTopN(intent) && slots.n === null) out.push({slot: "n", question: "How many to list? (1–50)", fallback: intent === "rep-performance" ? "10" : "5", required: false});
  return out;
}

/** Applies the reader's answers (slot → text) to the slots; throws InputError for an answer out of range. */
export function applyAnswers(slots: Slots, answers: Partial<Record<Clarification["slot"], string>>): Slots {
  const next = {...slots};
  const year = (text: string, what: string) => {
    const y = Number(text.trim());
    if (!Number.isInteger(y) || !YEARS.includes(y)) throw new InputError(`${what} must be a year from ${YEARS[0]} to ${YEARS[YEARS.length - 1]}, not "${text.slice(0, 40)}".`);
    return y;
  };
  if (answers.year !== undefined) next.year = answers.year.trim().toLowerCase() === "all" ? null : year(answers.year, "The year");
  if (answers.period !== undefined) {
    const m = /^\s*(\d{4})\s*(?:-|–|to|,)\s*(\d{4})\s*$/.exec(answers.period);
    if (!m) throw new InputError(`Give the period as two years, e.g. "2023-2024", not "${answers.period.slice(0, 40)}".`);
    next.period = [year(m[1], "The first year"), year(m[2], "The second year")];
  }
  if (answers.n !== undefined) {
    const n = Number(answers.n.trim());
    if (!Number.isInteger(n) || n < 1 || n > 50) throw new InputError(`How many must be a whole number from 1 to 50, not "${answers.n.slice(0, 40)}".`);
    next.n = n;
  }
  return next;
}

/** Checks slots a template reads; years outside the data are refused (they would return nothing). */
export function checkSlots(intent: Intent, slots: Slots): void {
  if (slots.year !== null && !YEARS.includes(slots.year)) throw new InputError(`Chinook has invoices for ${YEARS[0]}–${YEARS[YEARS.length - 1]}; ${slots.year} has none.`);
  if (intent === "growth" && !slots.period) throw new InputError("Growth needs two years.");
  if (slots.period && (!YEARS.includes(slots.period[0]) || !YEARS.includes(slots.period[1]))) throw new InputError(`Both years must be in ${YEARS[0]}–${YEARS[YEARS.length - 1]}.`);
  if (intent === "revenue-by-month" && slots.year === null) throw new InputError("Monthly revenue needs a year.");
}

const yearFilter = (year: number | null, column = "i.InvoiceDate") => (year === null ? "" : ` WHERE strftime('%Y', ${column}) = '${year}'`);

/**
 * The SQL for an intent and its slots. Every template returns two columns, a label and a number
 * (`label`, `value`), so the analysis step reads them all the same way. Years are integers checked
 * by checkSlots, so no text from the question reaches the SQL.
 */
export function toSql(intent: Intent, slots: Slots): string {
  checkSlots(intent, slots);
  const n = slots.n ?? (intent === "rep-performance" ? 10 : 5);
  const where = yearFilter(slots.year);
  switch (intent) {
    case "revenue-by-country":
      return `SELECT i.BillingCountry AS label, ROUND(SUM(i.Total), 2) AS value FROM Invoice i${where} GROUP BY i.BillingCountry ORDER BY value DESC, label LIMIT 100`;
    case "revenue-by-genre":
      return `SELECT g.Name AS label, ROUND(SUM(il.UnitPrice * il.Quantity), 2) AS value FROM InvoiceLine il JOIN Invoice i ON i.InvoiceId = il.InvoiceId JOIN Track t ON t.TrackId = il.TrackId JOIN Genre g ON g.GenreId = t.GenreId${where} GROUP BY g.GenreId ORDER BY value DESC, label LIMIT 100`;
    case "revenue-by-month":
      return `SELECT strftime('%Y-%m', i.InvoiceDate) AS label, ROUND(SUM(i.Total), 2) AS value FROM Invoice i${where} GROUP BY label ORDER BY label LIMIT 12`;
    case "top-customers":
      return `SELECT c.FirstName || ' ' || c.LastName || ' (' || c.Country || ')' AS label, ROUND(SUM(i.Total), 2) AS value FROM Customer c JOIN Invoice i ON i.CustomerId = c.CustomerId${where} GROUP BY c.CustomerId ORDER BY value DESC, label LIMIT ${n}`;
    case "rep-performance":
      return `SELECT e.FirstName || ' ' || e.LastName AS label, ROUND(SUM(i.Total), 2) AS value FROM Employee e JOIN Customer c ON c.SupportRepId = e.EmployeeId JOIN Invoice i ON i.CustomerId = c.CustomerId${where} GROUP BY e.EmployeeId ORDER BY value DESC, label LIMIT ${n}`;
    case "top-artists":
      return `SELECT ar.Name AS label, SUM(il.Quantity) AS value FROM InvoiceLine il JOIN Invoice i ON i.InvoiceId = il.InvoiceId JOIN Track t ON t.TrackId = il.TrackId JOIN Album al ON al.AlbumId = t.AlbumId JOIN Artist ar ON ar.ArtistId = al.ArtistId${where} GROUP BY ar.ArtistId ORDER BY value DESC, label LIMIT ${n}`;
    case "top-tracks":
      return `SELECT t.Name AS label, SUM(il.Quantity) AS value FROM InvoiceLine il JOIN Invoice i ON i.InvoiceId = il.InvoiceId JOIN Track t ON t.TrackId = il.TrackId${where} GROUP BY t.TrackId ORDER BY value DESC, label LIMIT ${n}`;
    case "growth": {
      const [a, b] = slots.period!;
      return `SELECT strftime('%Y', i.InvoiceDate) AS label, ROUND(SUM(i.Total), 2) AS value FROM Invoice i WHERE strftime('%Y', i.InvoiceDate) IN ('${a}', '${b}') GROUP BY label ORDER BY label LIMIT 2`;
    }
    case "total-revenue":
      return `SELECT 'all invoices' AS label, ROUND(SUM(i.Total), 2) AS value FROM Invoice i${where} LIMIT 1`;
  }
}

/**
 * The independent check query: total revenue (money intents) or units sold (unit intents) over the
 * same filter, computed from a different table where possible, for the analysis step's confidence check.
 */
export function checkSql(intent: Intent, slots: Slots): string {
  checkSlots(intent, slots);
  if (intent === "top-artists" || intent === "top-tracks") return `SELECT 'units sold' AS label, SUM(il.Quantity) AS value FROM InvoiceLine il JOIN Invoice i ON i.InvoiceId = il.InvoiceId${yearFilter(slots.year)} LIMIT 1`;
  if (intent === "growth") {
    const [a, b] = slots.period!;
    return `SELECT 'lines in both years' AS label, ROUND(SUM(il.UnitPrice * il.Quantity), 2) AS value FROM InvoiceLine il JOIN Invoice i ON i.InvoiceId = il.InvoiceId WHERE strftime('%Y', i.InvoiceDate) IN ('${a}', '${b}') LIMIT 1`;
  }
  // revenue from the invoice lines, independent of Invoice.Total that most templates sum
  return `SELECT 'revenue from invoice lines' AS label, ROUND(SUM(il.UnitPrice * il.Quantity), 2) AS value FROM InvoiceLine il JOIN Invoice i ON i.InvoiceId = il.InvoiceId${yearFilter(slots.year)} LIMIT 1`;
}

/** Intents whose rows partition all revenue of the filter, so they must add up to the check query. */
export const PARTITION_INTENTS: Intent[] = ["growth", "total-revenue", "revenue-by-country", "revenue-by-genre", "revenue-by-month"];
