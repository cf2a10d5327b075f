/**
 * One text per partition selection that asks for the same documents: what the turn's read plan
 * (turn-store.ts) and the SQLite store's cache of partition reads (sqlite-store.ts) key on.
 */
import type { PartitionSelection } from './store';

/** A field's values as one text: a value and a list of that one value ask for the same; 1 and "1" do not. */
function valuesText(value: unknown): string {
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (values.length === 1) return JSON.stringify(values[0]);
  return values
    .map((one) => JSON.stringify(one))
    .sort()
    .join(',');
}

function fieldsText(fields: Readonly<Record<string, unknown>> | undefined): string {
  if (fields === undefined) return '';
  let text = '';
  for (const name of Object.keys(fields).sort()) text += `${name}=${valuesText(fields[name])};`;
  return text;
}

/** Keys made already: a turn asks for the key of one selection object several times (noting, answering, the plan). */
const keys = new WeakMap<PartitionSelection, string>();

/** One text per selection that asks for the same documents (field order and list order aside). */
export function selectionKey(selection: PartitionSelection): string {
  let key = keys.get(selection);
  if (key === undefined) {
    key = `${selection.type}\u0001${JSON.stringify(selection.personId ?? null)}\u0001${fieldsText(selection.where)}\u0001${fieldsText(selection.atLeast)}`;
    keys.set(selection, key);
  }
  return key;
}

/** A set of selections as one text: the same set of selections (order aside), the same text. */
export function selectionsKey(selections: readonly PartitionSelection[]): string {
  if (selections.length === 1) return selectionKey(selections[0]!);
  let key = setKeys.get(selections);
  if (key === undefined) {
    key = [...new Set(selections.map(selectionKey))].sort().join('\n');
    setKeys.set(selections, key);
  }
  return key;
}

/** Keys of lists made already: a read plan hands the same list of selections to every turn of its kind. */
const setKeys = new WeakMap<readonly PartitionSelection[], string>();
