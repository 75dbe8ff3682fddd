/**
 * A parser for the subset of Python that config files are written in: assignments `name = value`
 * whose values are literals (numbers, strings, True/False/None, lists, tuples, dicts), `dict(...)`,
 * names assigned earlier, arithmetic (+ - * / // % **), subscripts and list comprehensions over
 * lists. Everything else (imports, calls other than dict/list/tuple/range, attributes, lambdas,
 * comparisons, blocks) is refused with its line: nothing a config says is ever run.
 */
import { INDENT, PythonError, type Token, tokenize } from './lexer';

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';

export type Expr = { line: number } & (
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'const'; v: boolean | null }
  | { k: 'name'; id: string }
  | { k: 'list' | 'tuple'; items: Expr[] }
  | { k: 'dict'; entries: Array<{ key: Expr | null; value: Expr }> }
  | { k: 'unary'; op: '-' | '+'; x: Expr }
  | { k: 'bin'; op: BinaryOp; l: Expr; r: Expr }
  | { k: 'call'; fn: string; args: Expr[]; kwargs: Array<{ key: string | null; value: Expr }> }
  | { k: 'index'; x: Expr; i: Expr }
  | { k: 'comp'; elt: Expr; fors: Array<{ name: string; iter: Expr }> }
);

export interface Assignment {
  targets: string[];
  value: Expr;
  line: number;
}

const STATEMENT_KEYWORDS = new Set([
  'import', 'from', 'def', 'class', 'if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except',
  'finally', 'return', 'yield', 'del', 'global', 'nonlocal', 'assert', 'raise', 'pass', 'break',
  'continue', 'async', 'await', 'match'
]); // prettier-ignore
const EXPRESSION_KEYWORDS = new Set([
  'lambda',
  'not',
  'and',
  'or',
  'if',
  'else',
  'in',
  'is',
  'await',
  'yield'
]);
const CONSTANTS: Record<string, boolean | null> = { True: true, False: false, None: null };
const MAX_DEPTH = 100;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.pos];
  }
  private fail(reason: string, line = this.tok.line): never {
    throw new PythonError(line, reason);
  }
  /** The current token's kind, read afresh (a getter's narrowing would outlive `pos++`). */
  private at(kind: Token['kind']): boolean {
    return this.tokens[this.pos].kind === kind;
  }
  private isOp(text: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === text;
  }
  private eat(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.pos++;
    return true;
  }
  private expect(text: string, what: string): void {
    if (!this.eat(text)) this.fail(`expected ${text} ${what}, found ${describe(this.tok)}`);
  }

  expressionOnly(): Expr {
    while (this.at('newline')) this.pos++;
    const e = this.exprList();
    while (this.at('newline')) this.pos++;
    if (!this.at('eof')) this.fail(`expected one expression, found ${describe(this.tok)} after it`);
    return e;
  }

  file(): Assignment[] {
    const out: Assignment[] = [];
    while (!this.at('eof')) {
      if (this.at('newline') || this.eat(';')) {
        if (this.at('newline')) this.pos++;
        continue;
      }
      const stmt = this.statement();
      if (stmt) out.push(stmt);
      if (this.eat(';')) continue;
      if (!this.at('newline') && !this.at('eof'))
        this.fail(`expected the end of the statement, found ${describe(this.tok)}`);
    }
    return out;
  }

  private statement(): Assignment | null {
    const t = this.tok;
    if (t.kind === 'name' && STATEMENT_KEYWORDS.has(t.text))
      this.fail(`'${t.text}' is not allowed: a config is read, never run, so it may only assign values`);
    if (t.kind === 'op' && t.text === '@') this.fail('decorators are not allowed in a config');
    if (t.kind === 'op' && t.text === INDENT)
      this.fail('unexpected indentation: blocks (if, for, def, with, ...) are not part of a config');
    const line = t.line;
    const first = this.exprList();
    if (!this.isOp('=')) {
      // A bare string is a docstring; any other expression would only matter if it were run.
      if (first.k === 'str') return null;
      if (this.tok.kind === 'op' && /^(\+|-|\*|\/|\/\/|%|\*\*|&|\||\^|>>|<<)=$/.test(this.tok.text))
        this.fail(`augmented assignment ${this.tok.text} is not supported: assign the value once`);
      this.fail('only assignments (name = value) are allowed in a config');
    }
    const targets = [this.target(first)];
    let value = first;
    while (this.eat('=')) {
      value = this.exprList();
      if (this.isOp('=')) targets.push(this.target(value));
    }
    return { targets, value, line };
  }

  private target(e: Expr): string {
    if (e.k === 'name') return e.id;
    if (e.k === 'tuple') this.fail('unpacking several names at once is not supported', e.line);
    return this.fail('only a plain name can be assigned to (not an attribute or an item)', e.line);
  }

  /** `a, b, c` is a tuple; one expression without a comma is itself. */
  private exprList(): Expr {
    const line = this.tok.line;
    const first = this.expr();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.eat(',')) {
      if (this.endsList()) break;
      items.push(this.expr());
    }
    return { k: 'tuple', items, line };
  }

  private endsList(): boolean {
    const t = this.tok;
    return (
      t.kind === 'newline' ||
      t.kind === 'eof' ||
      (t.kind === 'op' && [')', ']', '}', '=', ';'].includes(t.text))
    );
  }

  private expr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    try {
      const e = this.arith();
      const t = this.tok;
      if (t.kind === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.text))
        this.fail(`comparisons (${t.text}) are not supported in a config value`);
      if (t.kind === 'name' && ['and', 'or', 'if', 'is', 'not'].includes(t.text))
        this.fail(`'${t.text}' is not supported in a config value`);
      if (t.kind === 'op' && ['&', '|', '^', '<<', '>>', '@'].includes(t.text))
        this.fail(`the operator ${t.text} is not supported: only + - * / // % ** are`);
      return e;
    } finally {
      this.depth--;
    }
  }

  private arith(): Expr {
    let l = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const { text: op, line } = this.tokens[this.pos++];
      l = { k: 'bin', op: op as BinaryOp, l, r: this.term(), line };
    }
    return l;
  }

  private term(): Expr {
    let l = this.factor();
    while (['*', '/', '//', '%'].some((o) => this.isOp(o))) {
      const { text: op, line } = this.tokens[this.pos++];
      l = { k: 'bin', op: op as BinaryOp, l, r: this.factor(), line };
    }
    return l;
  }

  private factor(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const { text: op, line } = this.tokens[this.pos++];
      if (++this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
      try {
        return { k: 'unary', op: op as '-' | '+', x: this.factor(), line };
      } finally {
        this.depth--;
      }
    }
    if (this.isOp('~')) this.fail('the operator ~ is not supported: only + - * / // % ** are');
    const base = this.postfix();
    if (this.isOp('**')) {
      const line = this.tokens[this.pos++].line;
      // Right-associative and binding tighter than a unary minus on its left: -2**2 is -4.
      return { k: 'bin', op: '**', l: base, r: this.factor(), line };
    }
    return base;
  }

  private postfix(): Expr {
    let e = this.atom();
    while (true) {
      if (this.isOp('(')) e = this.call(e);
      else if (this.isOp('[')) {
        const line = this.tokens[this.pos++].line;
        if (this.isOp(':') || this.isOp(']')) this.fail('slices are not supported');
        const i = this.expr();
        if (this.isOp(':')) this.fail('slices are not supported');
        this.expect(']', 'after the index');
        e = { k: 'index', x: e, i, line };
      } else if (this.isOp('.')) {
        const attr = this.tokens[this.pos + 1]?.text ?? '';
        const what = e.k === 'name' ? `${e.id}.${attr}` : `.${attr}`;
        this.fail(`attribute access (${what}) is not supported: a config may use only values written in it`);
      } else return e;
    }
  }

  private call(fn: Expr): Expr {
    const line = this.tokens[this.pos++].line;
    if (fn.k !== 'name')
      this.fail('only dict(...), list(...), tuple(...) and range(...) can be called', line);
    const args: Expr[] = [];
    const kwargs: Array<{ key: string | null; value: Expr }> = [];
    while (!this.isOp(')')) {
      if (this.isOp('*')) this.fail('*args is not supported in a call');
      if (this.eat('**')) kwargs.push({ key: null, value: this.expr() });
      else if (this.tok.kind === 'name' && this.tokens[this.pos + 1]?.text === '=') {
        const key = this.tok.text;
        this.pos += 2;
        kwargs.push({ key, value: this.expr() });
      } else {
        if (kwargs.length) this.fail('a positional argument follows a keyword argument');
        const arg = this.expr();
        args.push(this.isName('for') ? this.comprehension(arg, ')') : arg);
      }
      if (!this.eat(',')) break;
    }
    this.expect(')', `to close ${fn.id}(`);
    return { k: 'call', fn: fn.id, args, kwargs, line };
  }

  private isName(text: string): boolean {
    return this.tok.kind === 'name' && this.tok.text === text;
  }

  private comprehension(elt: Expr, close: string): Expr {
    const fors: Array<{ name: string; iter: Expr }> = [];
    while (this.isName('for')) {
      this.pos++;
      if (this.tok.kind !== 'name' || EXPRESSION_KEYWORDS.has(this.tok.text))
        this.fail('a comprehension loops over one plain name: [... for x in ...]');
      const name = this.tok.text;
      this.pos++;
      if (this.isOp(',')) this.fail('a comprehension loops over one plain name, not a tuple of names');
      if (!this.isName('in')) this.fail(`expected 'in' after 'for ${name}'`);
      this.pos++;
      fors.push({ name, iter: this.arith() });
    }
    if (this.isName('if')) this.fail("conditions ('if') in a comprehension are not supported");
    if (!this.isOp(close))
      this.fail(`expected ${close} to end the comprehension, found ${describe(this.tok)}`);
    return { k: 'comp', elt, fors, line: elt.line };
  }

  private atom(): Expr {
    const t = this.tok;
    const line = t.line;
    if (t.kind === 'number') {
      this.pos++;
      return { k: 'num', v: t.value as number, line };
    }
    if (t.kind === 'string') {
      // Adjacent literals join, as Python does: 'a' 'b' is 'ab'.
      let v = '';
      while (this.tok.kind === 'string') v += this.tokens[this.pos++].text;
      return { k: 'str', v, line };
    }
    if (t.kind === 'name') {
      if (Object.hasOwn(CONSTANTS, t.text)) {
        this.pos++;
        return { k: 'const', v: CONSTANTS[t.text], line };
      }
      if (t.text === 'lambda') this.fail('lambda is not allowed: a config may hold values only');
      if (EXPRESSION_KEYWORDS.has(t.text) || STATEMENT_KEYWORDS.has(t.text))
        this.fail(`'${t.text}' is not supported in a config value`);
      this.pos++;
      return { k: 'name', id: t.text, line };
    }
    if (this.eat('(')) {
      if (this.eat(')')) return { k: 'tuple', items: [], line };
      const first = this.expr();
      if (this.isName('for')) {
        const comp = this.comprehension(first, ')');
        this.expect(')', 'to close the parenthesis');
        return comp;
      }
      if (this.eat(')')) return first;
      const items = [first];
      while (this.eat(',')) {
        if (this.isOp(')')) break;
        items.push(this.expr());
      }
      this.expect(')', 'to close the tuple');
      return { k: 'tuple', items, line };
    }
    if (this.eat('[')) {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        const item = this.expr();
        if (this.isName('for') && items.length === 0) {
          const comp = this.comprehension(item, ']');
          this.expect(']', 'to close the list');
          return comp;
        }
        items.push(item);
        if (!this.eat(',')) break;
      }
      this.expect(']', 'to close the list');
      return { k: 'list', items, line };
    }
    if (this.eat('{')) {
      const entries: Array<{ key: Expr | null; value: Expr }> = [];
      while (!this.isOp('}')) {
        if (this.eat('**')) entries.push({ key: null, value: this.expr() });
        else {
          const key = this.expr();
          if (!this.eat(':'))
            this.fail('sets are not supported: a {...} literal must be a dict of key: value');
          entries.push({ key, value: this.expr() });
        }
        if (this.isName('for')) this.fail('dict comprehensions are not supported');
        if (!this.eat(',')) break;
      }
      this.expect('}', 'to close the dict');
      return { k: 'dict', entries, line };
    }
    return this.fail(`expected a value, found ${describe(t)}`);
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the file';
  if (t.kind === 'newline') return 'the end of the line';
  if (t.kind === 'string') return 'a string';
  if (t.kind === 'number') return `the number ${t.text}`;
  return `'${t.text}'`;
}

/** The assignments of a whole file, in order. Throws PythonError naming the line. */
export function parseFile(src: string): Assignment[] {
  return new Parser(tokenize(src)).file();
}

/** One expression (a YAML !!python/object/apply:eval string, a yacs literal). */
export function parseExpression(src: string): Expr {
  return new Parser(tokenize(src)).expressionOnly();
}
