// unlearning.facts: a TOFU-like benchmark of fictitious people, generated from a seed.
//
// It lives here rather than in @sous/tasks: a Task has train and test splits only, and this one
// needs the forget / retain / held-out / general splits and the truth ratio's perturbed answers,
// which only unlearning nodes read. It builds on tasks' helpers (datasets, character vocabulary,
// arithmetic problems, seeded permutations).
import { z } from 'zod';
import { Rng, defineNode, type Example } from '@sous/core';
import { TOFU } from '@sous/core/references';
import { arithmeticSpace, arraySplit, charVocabularyOf, exactMatch, makeDataset, seededPermutation } from '@sous/tasks';

/** An attribute every person has: the question's wording and the values it takes. */
const ATTRIBUTES = [
  {
    question: 'city',
    values: ['Lumbra', 'Tesk', 'Orvane', 'Pellit', 'Daru', 'Voss', 'Miren', 'Kattow', 'Ulme', 'Brisa'],
  },
  {
    question: 'job',
    values: ['potter', 'pilot', 'baker', 'tailor', 'miner', 'judge', 'cook', 'smith', 'nurse', 'poet'],
  },
  { question: 'pet', values: ['cat', 'dog', 'owl', 'goat', 'eel', 'crow', 'hare', 'newt', 'toad', 'mole'] },
] as const;

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';

/** The answer the IDK variant of DPO prefers to a forget answer. */
export const DONT_KNOW = 'unknown';

/** One fact: prompt "<name> <attribute>?", answer the value; `perturbed` holds wrong values of the
 * same attribute, and `paraphrased` the answer (see the node's doc). */
export interface FactExample extends Example {
  person: string;
  attribute: string;
  paraphrased: string;
  perturbed: string[];
  /** For DPO-style forgetting (samplers.pairs): DONT_KNOW preferred to the true answer. */
  chosen: string;
  rejected: string;
}

const params = z.object({
  people: z
    .number()
    .int()
    .min(3)
    .max(2000)
    .default(40)
    .describe('Fictitious people, each with one fact per attribute.'),
  forget_people: z.number().int().min(1).max(1000).default(4).describe('People whose facts form the forget split.'),
  holdout_people: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(4)
    .describe('People never trained on: the non-members of the membership-inference attacks.'),
  general_size: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(40)
    .describe('One-digit addition problems trained alongside the facts: the general skill model utility reads.'),
  perturbed: z.number().int().min(1).max(9).default(3).describe('Wrong answers per fact, for the truth ratio.'),
  seed: z.number().int().min(0).default(0).describe('Chooses names, attribute values and splits.'),
});

export const facts = defineNode({
  name: 'facts',
  kind: 'task',
  doc:
    'A TOFU-like unlearning benchmark generated from a seed: fictitious people (two-syllable first and ' +
    'last names), each with a city, a job and a pet, asked as "<name> <attribute>?" with the value as ' +
    'answer. People are split into forget, held-out (never trained) and retain; `general` is one-digit ' +
    'addition ("3+4=" → "7"), trained with the facts. Members: train (retain + forget + general, what ' +
    'the model first learns), retain_train (retain + general, for the model retrained without the ' +
    'forget set), forget, retain, holdout, general, test (= holdout) and vocab. Each fact carries ' +
    '`perturbed` wrong values of the same attribute and `paraphrased`, which is the answer itself: a ' +
    'character model trained on one wording has no paraphrase to be tested on, so the truth ratio ' +
    'here compares the true value with wrong values in one wording. Forget facts also carry chosen = ' +
    `"${DONT_KNOW}" and rejected = the answer, for objectives.dpo through samplers.pairs (IdkDPO).`,
  references: [TOFU],
  params,
  inputs: {},
  output: 'Task',
  members: {
    train: 'Dataset',
    retain_train: 'Dataset',
    forget: 'Dataset',
    retain: 'Dataset',
    holdout: 'Dataset',
    general: 'Dataset',
    test: 'Dataset',
    vocab: 'Tokenizer',
  },
  messages: {
    tooFewPeople: {
      message: '{{people}} people cannot give {{forget}} forget and {{holdout}} held-out people and keep one to retain',
      hint: 'Raise people or lower forget_people and holdout_people.',
    },
    noCharacters: 'the generated texts are empty',
  },
  run(_inputs, p, ctx) {
    if (p.forget_people + p.holdout_people >= p.people) {
      ctx.fail('tooFewPeople', { people: p.people, forget: p.forget_people, holdout: p.holdout_people });
    }
    const rng = new Rng(`unlearning.facts/${p.seed}`);
    const people = distinctNames(p.people, rng.fork('names'));
    const values = rng.fork('values');
    const factsOf = (person: string): FactExample[] =>
      ATTRIBUTES.map(({ question, values: choices }) => {
        const truth = values.int(choices.length);
        const wrong = seededPermutation(choices.length - 1, values.fork(`${person}/${question}`));
        const answer = choices[truth];
        return {
          prompt: `${person} ${question}?`,
          answer,
          person,
          attribute: question,
          paraphrased: answer,
          perturbed: Array.from({ length: p.perturbed }, (_, k) => {
            const index = wrong(k % (choices.length - 1));
            return choices[index >= truth ? index + 1 : index];
          }),
          chosen: DONT_KNOW,
          rejected: answer,
        };
      });
    const order = seededPermutation(p.people, rng.fork('split'));
    const byPerson = Array.from({ length: p.people }, (_, slot) => factsOf(people[order(slot)]));
    const forget = byPerson.slice(0, p.forget_people).flat();
    const holdout = byPerson.slice(p.forget_people, p.forget_people + p.holdout_people).flat();
    const retain = byPerson.slice(p.forget_people + p.holdout_people).flat();
    const additions = arithmeticSpace(1, '+');
    const pick = seededPermutation(additions.size, rng.fork('general'));
    const general = Array.from({ length: Math.min(p.general_size, additions.size) }, (_, k) =>
      additions.problem(pick(k)),
    );
    const everything: Example[] = [...forget, ...holdout, ...retain, ...general, { prompt: DONT_KNOW, answer: '' }];
    // Raised here rather than inside charVocabularyOf, so the message is visibly this node's.
    const vocab = charVocabularyOf(everything, { ...ctx, fail: () => ctx.fail('noCharacters') });
    const dataset = (name: string, examples: readonly Example[]) =>
      makeDataset(`facts.${name}`, arraySplit(examples), vocab, exactMatch);
    return {
      kind: 'task' as const,
      name: `facts(people: ${p.people}, seed: ${p.seed})`,
      train: dataset('train', [...retain, ...forget, ...general]),
      retain_train: dataset('retain_train', [...retain, ...general]),
      forget: dataset('forget', forget),
      retain: dataset('retain', retain),
      holdout: dataset('holdout', holdout),
      general: dataset('general', general),
      test: dataset('holdout', holdout),
      vocab,
      verify: exactMatch,
    };
  },
});

/** `count` distinct "Firstname Lastname" names of two consonant-vowel syllables each (70⁴ names:
 * a few thousand people draw few repeats). */
function distinctNames(count: number, rng: Rng): string[] {
  const syllable = () => CONSONANTS[rng.int(CONSONANTS.length)] + VOWELS[rng.int(VOWELS.length)];
  const word = () => {
    const text = syllable() + syllable();
    return text[0].toUpperCase() + text.slice(1);
  };
  const names = new Set<string>();
  while (names.size < count) names.add(`${word()} ${word()}`);
  return [...names];
}
