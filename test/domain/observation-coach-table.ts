/**
 * The observation coach's labelled table: sentences as observers write them, in Dutch and
 * English, each with the kinds a careful reader would point out. Half are plain facts (no kind).
 * Written to cover the examples and the slips seen in practice, including hard cases
 * (facts that contain a listed word in quotes or in a question, paraphrases no list contains).
 */
import type { FindingKind } from '../../src/domain/observation-coach';

export interface LabelledSentence {
  readonly text: string;
  readonly kinds: readonly FindingKind[];
}

const fact = (text: string): LabelledSentence => ({ text, kinds: [] });
const slip = (text: string, ...kinds: FindingKind[]): LabelledSentence => ({ text, kinds });

export const PLAIN_FACTS: readonly LabelledSentence[] = [
  fact('Drie leerlingen stonden op tijdens de instructie.'),
  fact('Je liep naar de tafel bij het raam.'),
  fact('Om 10:05 vroeg je: "Wie weet het antwoord?"'),
  fact('Ik zag verschillende verstoringen. Je reageerde er niet op. Kun je daar iets over zeggen?'),
  fact('Vier van de 24 leerlingen keken naar buiten toen je de opdracht uitlegde.'),
  fact('Je zei: "Goed zo, Tim!" en Tim ging verder met de som.'),
  fact('Na 12 minuten begon je met de groepsopdracht.'),
  fact('Twee leerlingen achterin praatten terwijl jij aan het woord was.'),
  fact('Je schreef drie vragen op het bord en las ze hardop voor.'),
  fact('Wat ging er door je heen toen Sam zijn boek dichtsloeg?'),
  fact('Goedemorgen Bram, dank je dat ik mocht komen kijken.'),
  fact('Je gaf de klas vijf minuten voor de opdracht en zette een timer op het bord.'),
  fact('Zes leerlingen staken hun vinger op na je vraag.'),
  fact("Je zei 'stil nu' en het werd stil binnen tien seconden."),
  fact('Hoe kijk jij terug op het begin van de les?'),
  fact("Om kwart over negen deelde je de werkbladen uit; 's ochtends is dat je vaste ritme, zei je."),
  fact('Lisa vroeg twee keer om hulp; de tweede keer liep je naar haar toe.'),
  fact('Je stond 15 minuten voor de klas en daarna liep je rond langs de groepjes.'),
  fact('Welke leerlingen wilde je vandaag extra aandacht geven?'),
  fact('Tijdens de uitleg keken vijf leerlingen op hun telefoon.'),
  fact('Fijne dag nog, en tot het nagesprek!'),
  fact('Hallo allemaal, ik kom vandaag bij groep 7 kijken.'),
  fact('At 10:05 you asked the class to open their books on page 42.'),
  fact('Three pupils stood up during the instruction.'),
  fact('You walked to the table by the window and knelt next to Amir.'),
  fact('I saw several disruptions. You did not respond to them. Can you say something about that?'),
  fact('You said "great work, everyone" after the first exercise.'),
  fact('Eight of the 26 pupils raised their hand when you asked who had finished.'),
  fact('What made you decide to skip the second exercise?'),
  fact('Good morning Sarah, thanks for having me in your lesson.'),
  fact('You wrote the learning goal on the board at 9:02 and read it aloud.'),
  fact('Two pupils in the back row were talking while you explained the task.'),
  fact('After the bell, four pupils stayed to ask you a question.'),
  fact('How did you experience the moment when Jake left the room?'),
  fact('You gave the groups ten minutes and set a timer on the screen.'),
  fact("You said 'try it on your own first' and went to sit at your desk."),
  fact('The pupils worked in pairs for 20 minutes; you visited six of the twelve pairs.'),
  fact('Was the seating plan something you chose for this lesson?'),
  fact('Mia asked "is this always like this?" and you answered "not always".'),
  fact('Have a nice weekend, and see you at the debrief!'),
  fact('Hi everyone, I am visiting Tom today.'),
  fact('Tijdens de instructie schreef je het woord "fotosynthese" op het bord.'),
  fact('Ik heb 35 minuten gekeken, van 8:30 tot 9:05.'),
  fact('Je vroeg Noor: "Wat heb je tot nu toe?" Ze liet haar schrift zien.'),
  fact('Bij de tweede opdracht werkten zeven groepjes en stonden twee leerlingen bij de kast.'),
  fact('Waar wilde je dat ik vooral op lette?'),
  fact('You paused for about five seconds after each question.'),
  fact('When Ella said "this is boring", you asked her which part she meant.'),
  fact('Which moment of the lesson would you like to talk about first?'),
];

export const SLIPS: readonly LabelledSentence[] = [
  // Judgement (oordeel).
  slip('Wat een goede les!', 'judgement'),
  slip('Mooi dat je je niet van de wijs liet brengen!', 'judgement'),
  slip('De uitleg was helder en de opdracht was leuk.', 'judgement'),
  slip('Je instructie duurde te lang.', 'judgement'),
  slip('Dat was de saaiste les van de week.', 'judgement'),
  slip('Great lesson, the pupils loved the quiz.', 'judgement', 'interpretation'),
  slip('Your explanation was a bit confusing.', 'judgement'),
  slip('The start of the lesson was too slow.', 'judgement'),
  slip('The worksheet was excellent.', 'judgement'),
  slip('How good that you did not let yourself be thrown!', 'judgement'),
  slip('Knap gedaan hoe je die ruzie oploste.', 'judgement'),
  // Interpretation (interpretatie).
  slip('Hij heeft er blijkbaar geen last van.', 'interpretation'),
  slip('Ze vond het moeilijk om de klas stil te krijgen.', 'interpretation'),
  slip('De leerlingen waren verveeld.', 'interpretation'),
  slip('Hij was zenuwachtig aan het begin.', 'interpretation'),
  slip('Dat deed je omdat je tijd wilde winnen.', 'interpretation'),
  slip('She seemed nervous when the principal came in.', 'interpretation'),
  slip('They were not interested in the topic.', 'interpretation'),
  slip('Apparently the pupils already knew the answer.', 'interpretation'),
  slip('He obviously did not care about the noise.', 'interpretation'),
  slip('De leerlingen begrepen de opdracht niet.', 'interpretation'),
  slip('Sam was duidelijk afgeleid door zijn telefoon.', 'interpretation'),
  // Advice (advies).
  slip('Je moet de instructie korter maken.', 'advice'),
  slip('Je zou beter eerst de doelen kunnen noemen.', 'advice'),
  slip('Probeer eens een timer te gebruiken.', 'advice'),
  slip('Volgende keer zou ik de groepjes kleiner maken.', 'advice'),
  slip('You should give them more time to think.', 'advice'),
  slip('Next time try a short quiz at the start.', 'advice'),
  slip('Make sure the instructions are on the board.', 'advice'),
  slip('Maybe try pairing Amir with someone else.', 'advice'),
  slip('Ik zou de tweede opdracht overslaan.', 'advice'),
  slip('Zorg dat iedereen het werkblad heeft voordat je begint.', 'advice', 'generalisation'),
  // Generalisation (generalisatie).
  slip('Je kijkt altijd naar dezelfde kant van de klas.', 'generalisation'),
  slip('Niemand deed mee met de opdracht.', 'generalisation'),
  slip('De hele klas zat te kletsen.', 'generalisation'),
  slip('Iedereen was aan het werk.', 'generalisation'),
  slip('You never wait for an answer.', 'generalisation'),
  slip('Everybody was talking at the same time.', 'generalisation'),
  slip('Nobody listened to the instructions.', 'generalisation'),
  slip('You always stand behind your desk.', 'generalisation'),
  slip('Steeds als je iets vroeg, antwoordde Tim.', 'generalisation'),
  // Mixed and hard cases.
  slip('Goede les, maar de leerlingen waren duidelijk verveeld.', 'judgement', 'interpretation'),
  slip('Je moet altijd wachten tot het stil is.', 'advice', 'generalisation'),
  slip('They were bored because the task was too easy.', 'interpretation', 'judgement'),
  slip('De klas zat er met de gedachten niet bij.', 'interpretation'),
  slip('It would be better to start with an example.', 'advice'),
  slip('Tim deed expres of hij het niet hoorde.', 'interpretation'),
];

export const TABLE: readonly LabelledSentence[] = [...PLAIN_FACTS, ...SLIPS];

/**
 * Written after the lists were tuned on TABLE and never tuned on: its figures say more about
 * text the coach has not seen. Printed next to the table's; only the plain facts are asserted.
 */
export const UNSEEN: readonly LabelledSentence[] = [
  fact('Je begon de les met een vraag over het weekend; vier leerlingen antwoordden.'),
  fact('Om 13:20 ging de deur open en kwam een leerling binnen met een briefje.'),
  fact('Je liet een filmpje van drie minuten zien en stopte het twee keer.'),
  fact('Daan zat bij het raam en tekende in zijn schrift tijdens de uitleg.'),
  fact('Je zei tegen de klas: "We gaan nu in stilte werken."'),
  fact('Wat wilde je bereiken met de vraag aan het begin?'),
  fact('You handed out the worksheets at 11:15 and the first pupil finished at 11:32.'),
  fact('Four pupils worked at the round table with the teaching assistant.'),
  fact('You asked Omar to read the first paragraph aloud.'),
  fact('During the group work you sat with the group by the door for eight minutes.'),
  fact('Zoë said "I don\'t get it" and you drew a diagram on the board.'),
  fact('What did you notice about the group by the door?'),
  slip('Je uitleg was erg duidelijk.', 'judgement'),
  slip('De leerlingen hadden er echt plezier in.', 'interpretation'),
  slip('Je had de opdracht beter kunnen opsplitsen.', 'advice'),
  slip('Bij jou zijn de leerlingen nooit stil.', 'generalisation'),
  slip('Ze was onzeker over de nieuwe methode.', 'interpretation'),
  slip('Waarschijnlijk wilde je de les op tijd afronden.', 'interpretation'),
  slip('The pace of the lesson was spot on.', 'judgement'),
  slip('The pupils felt safe to ask questions.', 'interpretation'),
  slip('You could have used the timer on the board.', 'advice'),
  slip('Every pupil was on task the whole lesson.', 'generalisation'),
  slip('I loved how you handled the interruption.', 'judgement'),
  slip('It might help to give the instructions in writing.', 'advice'),
];
