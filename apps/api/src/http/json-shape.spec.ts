import { jsonShapeProblem, MAX_JSON_DEPTH } from './json-shape';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('the shape of a JSON body', () => {
  it('accepts an ordinary body', () => {
    expect(jsonShapeProblem({ financing: { schedule: [{ dueDate: '2017-08-01', amountCents: 1 }] } })).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, without recursing, even far deeper', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH - 1))).toBeUndefined();
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH + 1))?.message).toMatch(/deeper than 32/);
    expect(jsonShapeProblem(nested(200_000))?.message).toMatch(/deeper than 32/);
  });

  it('refuses member names the validators would silently drop, naming the field', () => {
    expect(jsonShapeProblem(JSON.parse('{"a": {"__proto__": {"x": 1}}}'))).toEqual({ field: 'a.__proto__', message: '__proto__ is not a field of this API' });
    expect(jsonShapeProblem({ staff: { valueOf: 1 } })?.field).toBe('staff.valueOf');
    expect(jsonShapeProblem({ constructor: {} })?.field).toBe('constructor');
    expect(jsonShapeProblem({ list: [{ prototype: '' }] })?.field).toBe('list.0.prototype');
  });
});
