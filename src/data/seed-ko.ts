// The Korean original of the seed, parsed once (see seed-ko-tables.ts): the components' `lang="ko"`
// shows these words, so the Korean lessons quote the original, not a translation of the rendering.
import koText from './seed/serverless-nest.ko.txt?raw';
import enText from './seed/serverless-nest.en.md?raw';
import { parseSeedTables } from './seed-tables.ts';
import { parseKoreanSeed } from './seed-ko-tables.ts';

export const ko = parseKoreanSeed(koText, parseSeedTables(enText));
