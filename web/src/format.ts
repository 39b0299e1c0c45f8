// Formatting helpers shared by the pages. Times are shown in the browser's
// local zone, to the second: the agent's records are UTC, people are not.

export function fmtTime(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const units = ["B", "kB", "MB", "GB", "TB"];

export function fmtBytes(n: number): string {
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

export function fmtCount(n: number): string {
  return n.toLocaleString("en-US");
}

// shiftISO moves an RFC 3339 time by ms milliseconds (for the
// "flows behind it" window around an alert).
export function shiftISO(iso: string, ms: number): string {
  return new Date(new Date(iso).getTime() + ms).toISOString();
}
