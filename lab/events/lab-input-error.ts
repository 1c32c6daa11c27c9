// An error in what the learner typed or pointed at (not a bug in the lab).
// The message is one line: what is wrong and what to do. The CLI prints it as it is, with no
// stack trace, and exits with code 2. `hint` is the "what to do" half on its own, for views that
// show it apart.

export class LabInputError extends Error {
  readonly hint: string;

  constructor(problem: string, hint: string) {
    super(`${problem} ${hint}`);
    this.name = 'LabInputError';
    this.hint = hint;
  }
}
