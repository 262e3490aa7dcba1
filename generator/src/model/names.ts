/** `api-v2` → `ApiV2`: topology names become the stems of CloudFormation logical ids. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Zone index → letter used in logical ids: 0 → `A`. */
export function zoneLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * The tags a resource carries: strata's `Name` first, then the topology's tags. One place, so the
 * 50-tags-per-resource rule counts exactly what the templates write.
 */
export function resourceTags(
  tags: ReadonlyArray<{ key: string; value: string }>,
  name: string,
): Array<{ key: string; value: string }> {
  return [{ key: 'Name', value: name }, ...tags.filter((t) => t.key !== 'Name')];
}
