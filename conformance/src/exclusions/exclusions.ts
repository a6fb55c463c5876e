/** Case name -> why the backend is excused from it. Every reason must be a non-empty sentence. */
export type Exclusions = Readonly<Record<string, string>>;

/**
 * Problems with an exclusion list: entries with an empty reason, and entries naming a case
 * that does not exist (a renamed or deleted case must not stay excused silently).
 */
export function validateExclusions(exclusions: Exclusions, caseNames: Iterable<string>): string[] {
  const known = new Set(caseNames);
  const problems: string[] = [];
  for (const [name, reason] of Object.entries(exclusions)) {
    if (typeof reason !== 'string' || reason.trim().length === 0) problems.push(`'${name}': the reason is empty`);
    if (!known.has(name)) problems.push(`'${name}': no case has this name`);
  }
  return problems;
}
