/**
 * The phrase lists of the observation coach's interpretation, advice and generalisation kinds
 * (the judgement kind's list is judging-words.ts). Data only; matched by observation-coach.ts
 * as whole words, case-insensitive, both languages always. A space matches any whitespace and
 * an apostrophe matches ' and ’.
 */

/**
 * Interpretation (interpretatie): a guess about an inner state, motive or meaning written as if
 * it was seen ("hij heeft er blijkbaar geen last van", "de leerlingen waren verveeld",
 * "she seemed nervous", "dat deed je omdat …").
 */
export const INTERPRETATION_PHRASES: readonly string[] = [
  // Dutch: hedges that present a guess as a fact.
  ...['blijkbaar', 'kennelijk', 'klaarblijkelijk', 'waarschijnlijk', 'vermoedelijk', 'ongetwijfeld'],
  ...['duidelijk geen', 'duidelijk niet', 'leek', 'leken', 'lijkt', 'lijken', 'scheen', 'schenen'],
  ...['aan je zien', 'aan hem zien', 'aan haar zien', 'aan hen zien', 'aan ze zien'],
  // Dutch: inner states.
  ...['last van', 'geen zin', 'zin in', 'naar zijn zin', 'naar haar zin', 'naar hun zin', 'moeite met'],
  ...['vond het', 'vonden het', 'vindt het', 'vinden het', 'vond dat', 'vonden dat', 'voelde', 'voelden'],
  ...['voelt zich', 'voelen zich', 'verveeld', 'verveelde', 'verveelden', 'verveelt', 'zich vervelen'],
  ...['zenuwachtig', 'zenuwachtige', 'nerveus', 'nerveuze', 'onzeker', 'onzekere', 'gestrest', 'gespannen'],
  ...['geïrriteerd', 'geërgerd', 'boos', 'boze', 'blij', 'blije', 'verdrietig', 'bang', 'moe', 'trots'],
  ...['gemotiveerd', 'gemotiveerde', 'ongemotiveerd', 'ongemotiveerde', 'geïnteresseerd', 'ongeïnteresseerd'],
  ...['geen interesse', 'enthousiast', 'enthousiaste', 'gefrustreerd', 'ontspannen', 'zelfverzekerd'],
  ...['verward', 'afgeleid', 'teleurgesteld', 'ongeduldig', 'geconcentreerd', 'ongeconcentreerd'],
  ...['genoot', 'genoten', 'wilde niet', 'wilden niet', 'wilde graag', 'wilden graag', 'dacht', 'dachten'],
  ...['wist niet', 'wisten niet', 'begreep', 'begrepen', 'snapte', 'snapten', 'durfde niet', 'durfden niet'],
  ...['worstelde', 'worstelden'],
  // Dutch: motives.
  ...['omdat', 'expres', 'met opzet', 'opzettelijk', 'bewust', 'om indruk te maken'],
  // English: hedges.
  ...['apparently', 'obviously', 'clearly', 'evidently', 'seemingly', 'probably', 'surely'],
  ...['seemed', 'seem', 'seems', 'appeared to', 'looked like'],
  // English: inner states.
  ...['bored', 'nervous', 'anxious', 'confused', 'interested', 'uninterested', 'not interested'],
  ...['motivated', 'unmotivated', 'engaged', 'disengaged', 'frustrated', 'annoyed', 'irritated'],
  ...['happy', 'upset', 'angry', 'excited', 'enthusiastic', 'confident', 'insecure', 'uncomfortable'],
  ...['loved', 'hated'],
  ...['relaxed', 'tense', 'stressed', 'scared', 'afraid', 'proud', 'embarrassed', 'distracted', 'tired'],
  ...["didn't care", 'did not care', 'not bothered', "wasn't bothered", "didn't mind", 'enjoyed'],
  ...['wanted to', "didn't want", 'did not want', 'felt', 'thought', 'knew', 'understood', 'struggled'],
  ...["didn't understand", 'did not understand', 'found it', 'found the'],
  // English: motives.
  ...['because', 'on purpose', 'deliberately', 'in order to', 'to impress'],
];

/** Advice (advies): telling the colleague what to do ("je moet", "probeer eens", "you should"). */
export const ADVICE_PHRASES: readonly string[] = [
  ...['je moet', 'jij moet', 'u moet', 'moet je', 'moet jij', 'je moest', 'moest je', 'je zou', 'jij zou'],
  ...['je zou beter', 'zou je beter', 'jij zou beter'],
  ...['je kunt beter', 'je kan beter', 'kun je beter', 'kan je beter', 'je had beter', 'had je beter'],
  ...['je had moeten', 'had je moeten', 'probeer', 'probeer eens', 'volgende keer', 'een volgende keer'],
  ...['ik zou', 'zou ik', 'als ik jou was', 'het is beter', 'het zou beter', 'beter is het', 'het is handig'],
  ...['het zou handig', 'mijn tip', 'tip:', 'een tip', 'ik raad je aan', 'ik raad aan', 'raad ik aan'],
  ...['ik adviseer', 'mijn advies', 'zorg dat', 'zorg ervoor', 'let op', 'let eens op', 'vergeet niet'],
  ...['denk eraan', 'misschien kun je', 'misschien kan je'],
  ...['you should', "you shouldn't", 'should have', "you'd better", 'you had better', 'you need to'],
  ...['you have to', 'you must', 'you could try', 'you might want to', 'next time', 'i would', "i'd"],
  ...['if i were you', 'it would be better', 'it is better', "it's better", 'better to', 'make sure'],
  ...['my tip', 'tip:', 'my advice', 'i suggest', 'i recommend', 'i advise', 'why not', "don't forget"],
  ...['do not forget', 'remember to', 'you ought to'],
];

/**
 * "try" is advice as an imperative (at the start of a sentence or after "maybe", "next time" …),
 * not in "they try to": a pattern; group `hit` is the part reported.
 */
export const ADVICE_PATTERNS: readonly string[] = [
  '(?:^|[.!?;:\\n]\\s*|\\b(?:maybe|perhaps|next\\s+time,?|please|just|could|should|might)\\s+)(?<hit>try)(?![\\p{L}\\p{M}\\p{N}])',
];

/** Generalisation (generalisatie): sweeping words about people or the lesson. */
export const GENERALISATION_PHRASES: readonly string[] = [
  ...['altijd', 'nooit', 'iedereen', 'niemand', 'de hele klas', 'de hele groep', 'de hele les', 'heel de klas'],
  ...['alle leerlingen', 'alle kinderen', 'allemaal', 'steeds', 'telkens', 'elke keer', 'iedere keer'],
  ...['voortdurend', 'constant', 'continu', 'overal', 'geen enkele', 'geen enkel'],
  ...['always', 'never', 'everybody', 'everyone', 'nobody', 'no one', 'the whole class', 'the entire class'],
  ...['the whole lesson', 'all the pupils', 'all the students', 'all the children', 'all pupils'],
  ...['all students', 'all of them', 'none of them', 'constantly', 'continuously', 'all the time'],
  ...['every time', 'each time', 'every single', 'not a single'],
];
