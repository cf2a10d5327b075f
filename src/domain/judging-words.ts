/**
 * The word lists of the observation coach's "judgement" kind (oordeel), and the greetings that
 * contain such a word without being a judgement. Data only: the one matcher is
 * `reviewObservation` in observation-coach.ts, which checks both languages always (teachers mix)
 * and the other three kinds (interpretation, advice, generalisation, in coach-phrases.ts).
 *
 * A space in a phrase matches any run of whitespace; matching is on whole words,
 * case-insensitive, and a letter with a diacritic matches in NFC and NFD.
 * Known limit: "bad" is also Dutch for bath; the coach is a hint, never a block.
 */

/** Dutch words and phrases that read as a judgement, with their inflections (-e, -er, -st, -ste). */
export const NL_JUDGING_WORDS: readonly string[] = [
  ...['goed', 'goede', 'goed zo', 'goed gedaan', 'heel goed', 'beter', 'betere'],
  ...['mooi', 'mooie', 'mooier', 'mooiere', 'mooist', 'mooiste'],
  ...['slecht', 'slechte', 'slechter', 'slechtere', 'slechtst', 'slechtste'],
  ...['saai', 'saaie', 'saaier', 'saaiere', 'saaist', 'saaiste'],
  ...['knap', 'knappe', 'knapper', 'knapst', 'knapste', 'knap gedaan'],
  ...['fijn', 'fijne', 'fijner', 'fijnst', 'fijnste'],
  ...['leuk', 'leuke', 'leuker', 'leukere', 'leukst', 'leukste'],
  ...['sterk', 'sterke', 'sterker', 'sterkst', 'sterkste'],
  ...['zwak', 'zwakke', 'zwakker', 'zwakst', 'zwakste'],
  ...['stom', 'stomme', 'stommer', 'stomst', 'stomste'],
  ...['prima', 'super', 'top', 'bravo', 'jammer', 'fout', 'foute'],
  ...['geweldig', 'geweldige', 'fantastisch', 'fantastische', 'fantastisch gedaan'],
  ...['prachtig', 'prachtige', 'heerlijk', 'heerlijke', 'perfect', 'perfecte'],
  ...['briljant', 'briljante', 'uitstekend', 'uitstekende', 'geniaal', 'geniale'],
  ...['waardeloos', 'waardeloze', 'vreselijk', 'vreselijke', 'verschrikkelijk', 'verschrikkelijke'],
  ...['indrukwekkend', 'indrukwekkende', 'chaotisch', 'chaotische', 'rommelig', 'rommelige'],
  ...['efficiënt', 'efficiënte', 'inefficiënt', 'inefficiënte', 'helder', 'heldere'],
  ...['onduidelijk', 'onduidelijke', 'verwarrend', 'verwarrende'],
  // "te" + an adjective says "more than it should be": an evaluation, not a count.
  ...['te snel', 'te langzaam', 'te lang', 'te kort', 'te veel', 'te weinig', 'te druk', 'te hard', 'te zacht'],
  ...['te moeilijk', 'te makkelijk', 'te gemakkelijk'],
];

/** English words and phrases that read as a judgement, with their inflections. */
export const EN_JUDGING_WORDS: readonly string[] = [
  ...['good', 'better', 'great', 'greatest', 'nice', 'nicer', 'nicest', 'nicely', 'bad', 'badly', 'worse', 'worst'],
  ...['boring', 'excellent', 'amazing', 'wonderful', 'poor', 'poorly', 'weak', 'strong', 'awful', 'terrible'],
  ...['brilliant', 'perfect', 'perfectly', 'lovely', 'wrong', 'fantastic', 'awesome', 'super', 'top'],
  ...['beautiful', 'beautifully', 'horrible', 'chaotic', 'messy', 'impressive', 'useless', 'efficient'],
  ...['inefficient', 'unclear', 'confusing', 'well done', 'good job', 'great job'],
  ...['too fast', 'too slow', 'too slowly', 'too long', 'too short', 'too much', 'too many', 'too few'],
  ...['too little', 'too loud', 'too quiet', 'too noisy', 'too difficult', 'too hard', 'too easy'],
];

/**
 * Greetings and courtesies that contain a word of one of the coach's lists but judge nothing
 * ("goedemorgen", "fijne dag", "hallo allemaal", "good morning everyone"). Never reported.
 */
export const NOT_JUDGING_PHRASES: readonly string[] = [
  ...['goede morgen', 'goede middag', 'goede avond', 'goeden dag', 'goedendag', 'goedemorgen', 'goedemiddag'],
  ...['goedenavond', 'goed weekend', 'fijn weekend', 'fijne vakantie', 'fijne dag', 'fijne avond', 'fijne middag'],
  ...['fijn dat ik', 'leuk dat ik', 'hallo allemaal', 'hoi allemaal', 'dag allemaal', 'goedemorgen allemaal'],
  ...['goedemiddag allemaal', 'good morning', 'good afternoon', 'good evening', 'good night', 'goodbye'],
  ...['good morning everyone', 'good luck', 'have a nice day', 'have a good day', 'have a great day'],
  ...['have a nice weekend', 'have a good weekend', 'have a great weekend', 'nice weekend', 'great weekend'],
  ...['hi everyone', 'hello everyone', 'hi everybody', 'hello everybody', 'morning everyone'],
];
