// Tab completion for the REPL (the shell's and the page's, which is the same REPL): command
// names, a command's flags, a flag's values, sample names and exercise ids. Everything is read
// from the commander program itself (its commands, options, choices and the shared arguments of
// arguments.ts), the samples from lab/events/catalog.ts and the exercises from the manifest, so
// nothing here is a second list of what the lab has.
import type { Argument, Command, Option } from 'commander';
import { catalog } from '../events/catalog.ts';
import { loadManifest } from '../exercises-runner/manifest.ts';
import { parseVariant, VARIANTS } from '../scenarios/command-support.ts';
import { valueKind, type ValueKind } from './arguments.ts';
import { withoutLabPrefix } from './lab-prefix.ts';

/** readline's completer result: the candidates, and the part of the line they complete. */
export type Completion = [string[], string];
export type Completer = (line: string) => Completion;

/** The REPL's own words, beside the program's commands. */
const REPL_WORDS = ['help', 'exit'];

/** Values an option's parser accepts, for the options that take one of a few words. */
const VALUES_BY_PARSER = new Map<unknown, readonly string[]>([[parseVariant, VARIANTS]]);

function valuesOf(kind: ValueKind): string[] {
  return kind === 'sample' ? catalog.map((sample) => sample.name) : loadManifest().map((exercise) => exercise.id);
}

function optionValues(option: Option): readonly string[] {
  return option.argChoices ?? VALUES_BY_PARSER.get(option.parseArg) ?? [];
}

function findOption(command: Command, word: string): Option | undefined {
  return command.options.find((option) => option.long === word || option.short === word);
}

function findCommand(commands: readonly Command[], name: string | undefined): Command | undefined {
  return commands.find((command) => command.name() === name || command.aliases().includes(name ?? ''));
}

/** Candidates for the word being typed, given the whole words before it (prefix already dropped). */
function candidates(program: Command, words: string[], current: string): readonly string[] {
  const names = [...REPL_WORDS, ...program.commands.map((command) => command.name())];
  if (words.length === 0) return names;
  if (words[0] === 'help') return words.length === 1 ? names.filter((name) => !REPL_WORDS.includes(name)) : [];
  let command = findCommand(program.commands, words[0]);
  let rest = words.slice(1);
  while (command && command.commands.length > 0) {
    if (rest.length === 0) return command.commands.map((sub) => sub.name());
    const sub = findCommand(command.commands, rest[0]);
    if (!sub) return [];
    command = sub;
    rest = rest.slice(1);
  }
  if (!command) return [];

  const previous = findOption(command, rest[rest.length - 1] ?? '');
  if (previous && (previous.required || previous.optional) && !current.startsWith('-')) return optionValues(previous);
  if (current.startsWith('-')) {
    const used = new Set(rest);
    return [...command.options.map((option) => option.long ?? ''), '--help'].filter((flag) => flag && !used.has(flag));
  }

  // Which positional argument this word is: the words so far, less the flags and their values.
  let position = 0;
  for (let i = 0; i < rest.length; i++) {
    const option = findOption(command, rest[i]!);
    if (option) {
      if (option.required || option.optional) i++;
    } else if (!rest[i]!.startsWith('-')) position++;
  }
  const args: readonly Argument[] = command.registeredArguments;
  const argument = args[position] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
  const kind = argument ? valueKind(argument) : undefined;
  return argument?.argChoices ?? (kind ? valuesOf(kind) : []);
}

/**
 * A readline completer over `program`. One candidate gets a trailing space, as a shell's does,
 * so the next word can be typed at once; several are listed by readline.
 */
export function labCompleter(program: Command): Completer {
  return (line) => {
    const tokens = line.trimStart().split(/\s+/);
    const current = tokens.pop() ?? '';
    const words = withoutLabPrefix(tokens);
    const hits = candidates(program, words, current).filter((candidate) => candidate.startsWith(current));
    return [hits.length === 1 ? [`${hits[0]} `] : hits, current];
  };
}
