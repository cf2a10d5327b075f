/**
 * Choices picked from a list are stored as keys, shown in each reader's language (issue 11
 * item 2): the programme's suggested themes and the six domains of the ICALT lesson-observation
 * instrument (a visit's focus, kijkdoel). A leader who picks "Effective instruction" stores
 * `theme.effectiveInstruction`; a Dutch partner reads "Effectieve instructie". What a person
 * types stays as written.
 *
 * A key is also its path in the string tables (cards/strings/<locale>/choices.json), so
 * src/i18n/choices.ts shows it with `t(locale, key)`. Keys are stable: never rename one, stored
 * documents hold them.
 *
 * Documents written before keys hold the label in the picker's language ("Activating teaching",
 * "effectieve instructie"). `choiceKeyFromLabel` reads those back as their key; any other text
 * is free text.
 */

/** The suggested themes of a programme (traject). */
export const THEME_KEYS = [
  'theme.effectiveInstruction',
  'theme.cooperativeLearning',
  'theme.sustainableLearning',
  'theme.seventyMinuteTimetable',
] as const;

/** The six domains of the ICALT lesson-observation instrument, in the instrument's order. */
export const ICALT_KEYS = [
  'icalt.safeClimate',
  'icalt.classroomManagement',
  'icalt.clearInstruction',
  'icalt.activatingTeaching',
  'icalt.differentiation',
  'icalt.learningStrategies',
] as const;

export type ThemeKey = (typeof THEME_KEYS)[number];
export type IcaltKey = (typeof ICALT_KEYS)[number];
export type ChoiceKey = ThemeKey | IcaltKey;

export const CHOICE_KEYS: readonly ChoiceKey[] = [...THEME_KEYS, ...ICALT_KEYS];

const KEYS = new Set<string>(CHOICE_KEYS);

export const isChoiceKey = (value: string): value is ChoiceKey => KEYS.has(value);
export const isThemeKey = (value: string): value is ThemeKey => value.startsWith('theme.') && KEYS.has(value);

/**
 * The labels stored before choices were keys, in both languages, exactly as the cards offered
 * them (the themes were offered in Dutch only, also on the English card).
 */
export const LEGACY_LABELS: Readonly<Record<ChoiceKey, readonly string[]>> = {
  'theme.effectiveInstruction': ['effectieve instructie'],
  'theme.cooperativeLearning': ['coöperatief leren'],
  'theme.sustainableLearning': ['duurzaam leren'],
  'theme.seventyMinuteTimetable': ['het zeventig-minutenrooster'],
  'icalt.safeClimate': ['Veilig en stimulerend leerklimaat', 'Safe and stimulating learning climate'],
  'icalt.classroomManagement': ['Efficiënte klassenorganisatie', 'Efficient classroom management'],
  'icalt.clearInstruction': ['Duidelijke instructie', 'Clear instruction'],
  'icalt.activatingTeaching': ['Activerende instructie', 'Activating teaching'],
  'icalt.differentiation': ['Differentiatie', 'Differentiation'],
  'icalt.learningStrategies': ['Leerstrategieën aanleren', 'Teaching learning strategies'],
};

/** A label as compared: NFC, spaces collapsed, lower case ("Activating  teaching " = "activating teaching"). */
export const comparableLabel = (text: string): string =>
  text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

/** Labels to keys, compared as `comparableLabel` does; built once from one or more label tables. */
export function choiceLabelIndex(
  ...tables: readonly Readonly<Partial<Record<ChoiceKey, readonly string[]>>>[]
): ReadonlyMap<string, ChoiceKey> {
  const index = new Map<string, ChoiceKey>();
  for (const table of tables)
    for (const key of CHOICE_KEYS) for (const label of table[key] ?? []) index.set(comparableLabel(label), key);
  return index;
}

const LEGACY_INDEX = choiceLabelIndex(LEGACY_LABELS);

/**
 * The key a stored text stands for: the key itself, or a known label of it (the legacy labels,
 * or the labels of the index given, e.g. one that adds today's string tables); undefined for
 * free text.
 */
export function choiceKeyFromLabel(
  text: string,
  index: ReadonlyMap<string, ChoiceKey> = LEGACY_INDEX,
): ChoiceKey | undefined {
  const trimmed = text.trim();
  if (isChoiceKey(trimmed)) return trimmed;
  return index.get(comparableLabel(trimmed));
}
