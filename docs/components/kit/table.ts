// A plain HTML table of rows of strings and numbers (numbers right-aligned, thousands separated).
// Cheaper to redraw while a run trains than Inputs.table, and text only: cells never parse HTML.
const integer = new Intl.NumberFormat("en-US"); // one formatter: toLocaleString builds a new one per call

/** A plain HTML table (cheaper to redraw during training than Inputs.table). */
export function SimpleTable(rows: Record<string, string | number>[], {className = ""}: {className?: string} = {}) {
  const table = document.createElement("table");
  table.className = `lab-simple-table ${className}`;
  if (rows.length === 0) return table;
  const head = table.createTHead().insertRow();
  for (const key of Object.keys(rows[0])) {
    const th = document.createElement("th");
    th.textContent = key;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of Object.values(row)) {
      const td = tr.insertCell();
      td.textContent = typeof value === "number" ? integer.format(value) : value;
      if (typeof value === "number" || /^[−\d.,—%e+]+$/.test(value)) td.className = "lab-num-cell";
    }
  }
  return table;
}
