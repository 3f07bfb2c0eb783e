import type { Command } from '../command.ts';
import { compileCommand } from './compile.ts';
import { diffCommand } from './diff.ts';
import { evaluateCommand } from './evaluate.ts';
import { scoreCommand } from './score.ts';
import { sqlCommand } from './sql.ts';
import { testCommand } from './test.ts';
import { validateCommand } from './validate.ts';

/** Every `qualify` command, in the order `qualify --help` lists them: add a command here and nowhere else. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  compileCommand,
  evaluateCommand,
  testCommand,
  diffCommand,
  sqlCommand,
  scoreCommand,
];

export const commandNamed = (name: string) => COMMANDS.find((c) => c.name === name);
