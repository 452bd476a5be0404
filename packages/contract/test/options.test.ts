import {
  between,
  is,
  nonEmptyString,
  type OptionSpec,
  oneOf,
  required,
  validateOptions,
} from '@greenlight/contract';

interface Options {
  readonly name?: string;
  readonly retries?: 0 | 1 | 2;
  readonly rate?: number;
  readonly nested?: { readonly depth?: number };
}

const SPEC: OptionSpec<Options> = {
  name: required(nonEmptyString),
  retries: oneOf([0, 1, 2]),
  rate: between(0, 1),
  nested: is.object<{ readonly depth?: number }>({ depth: is.positiveInteger }),
};

const failure = (options: unknown) => {
  try {
    validateOptions('thing', options, SPEC);
  } catch (error) {
    return error;
  }
  throw new Error('no error');
};

describe('the option validator', () => {
  it('returns valid options as they are', () => {
    const options = { name: 'orders', retries: 2 as const, rate: 0.5, nested: { depth: 3 } };
    expect(validateOptions('thing', options, SPEC)).toBe(options);
  });

  it.each([
    [
      { name: 'x', retires: 1 },
      'retires',
      'Unknown option `retires` of thing. Known options: name, retries, rate, nested',
    ],
    [{ retries: 1 }, 'name', 'Option `name` is required'],
    [{ name: 'x', retries: 3 }, 'retries', 'Expected `retries` to be one of 0, 1, 2, got 3'],
    [{ name: 'x', rate: 1.5 }, 'rate', 'Expected `rate` to be a number from 0 to 1, got 1.5'],
    [
      { name: 'x', nested: { depht: 1 } },
      'nested.depht',
      'Unknown option `nested.depht`. Known options: depth',
    ],
    [
      { name: 'x', nested: { depth: 0 } },
      'nested.depth',
      'Expected `nested.depth` to be a positive integer, got 0',
    ],
    ['options', 'options', 'Expected the options of thing to be an object, got "options"'],
  ])('refuses %j, naming %s', (options, option, message) => {
    expect(failure(options)).toMatchObject({ code: 'INVALID_OPTIONS', option, message });
  });
});
