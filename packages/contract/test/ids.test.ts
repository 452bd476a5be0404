import { idProblem, MAX_ID_LENGTH } from '@greenlight/contract';

describe('an ID of a hook event', () => {
  it('is a usable ID when it is a non-blank string of at most 2048 characters without control characters', () => {
    for (const id of ['d-75I7MBT7C', 'eyJlcnJvckNvZGUiOm51bGx9', 'x'.repeat(MAX_ID_LENGTH)])
      expect(idProblem(id)).toBeUndefined();
  });

  it.each([
    [undefined, 'must be a string, got undefined'],
    [null, 'must be a string, got null'],
    [42, 'must be a string, got number'],
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['x'.repeat(MAX_ID_LENGTH + 1), 'is 2049 characters long; the limit is 2048'],
    ['d-1\nINFO forged log line', 'contains control characters'],
  ])('is refused when it is %j: %s', (value, problem) => {
    expect(idProblem(value)).toBe(problem);
  });
});
