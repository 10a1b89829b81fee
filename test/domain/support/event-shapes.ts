import { join } from 'node:path';
import ts from 'typescript';

// The shape of every domain event's data, read from the TypeScript types themselves: what a
// recorded event of a (type, schemaVersion) holds. Checked in as event-schemas.json, so that a
// change to a recorded shape fails a test unless the version is bumped (and an upcaster added).

/** `"string"`, `"number"`, `"boolean"`, `"null"`, a closed list, a list, an object (optional members end with `?`), or one of several. */
export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | { readonly enum: readonly string[] }
  | { readonly array: Shape }
  | { readonly object: { readonly [member: string]: Shape } }
  | { readonly oneOf: readonly Shape[] };

export interface EventShape {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Shape;
}

const UNIONS = ['OperatorEvent', 'MandateEvent', 'ComplianceCaseEvent', 'ComplianceReportEvent'];

const sorted = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Every event type of the domain under `root` (a checkout of this repository), with the shape of its data. */
export const eventShapesOf = (root: string): EventShape[] => {
  const index = join(root, 'libs/domain/src/index.ts');
  const program = ts.createProgram([index], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!);

  const shapeOf = (type: ts.Type, depth = 0): Shape => {
    if (depth > 20) throw new Error(`a recursive type in an event: ${checker.typeToString(type)}`);
    if (type.flags & ts.TypeFlags.String) return 'string';
    if (type.flags & ts.TypeFlags.Number) return 'number';
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
    if (type.flags & ts.TypeFlags.Null) return 'null';
    if (type.flags & ts.TypeFlags.StringLiteral) return { enum: [(type as ts.StringLiteralType).value] };
    if (type.isUnion()) {
      const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
      if (members.every((member) => member.flags & ts.TypeFlags.StringLiteral)) return { enum: members.map((m) => (m as ts.StringLiteralType).value).sort() };
      if (members.every((member) => member.flags & ts.TypeFlags.BooleanLiteral)) return 'boolean';
      const shapes = members.map((member) => shapeOf(member, depth + 1));
      return shapes.length === 1 ? shapes[0] : { oneOf: sorted(shapes) };
    }
    if (checker.isArrayType(type)) return { array: shapeOf(checker.getTypeArguments(type as ts.TypeReference)[0], depth + 1) };
    if (type.flags & ts.TypeFlags.Object || type.isIntersection()) {
      const object: Record<string, Shape> = {};
      for (const member of [...checker.getPropertiesOfType(type)].sort((a, b) => a.name.localeCompare(b.name))) {
        const optional = (member.flags & ts.SymbolFlags.Optional) !== 0;
        object[`${member.name}${optional ? '?' : ''}`] = shapeOf(checker.getTypeOfSymbol(member), depth + 1);
      }
      return { object };
    }
    throw new Error(`no shape for ${checker.typeToString(type)}`);
  };

  // A type in two unions (ComplianceReportIssued: a case's stream may hold old ones) counts once.
  const shapes = UNIONS.flatMap((name) => {
    const symbol = exported.find((s) => s.name === name);
    if (symbol === undefined) throw new Error(`libs/domain exports no ${name}`);
    const union = checker.getDeclaredTypeOfSymbol(symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
    return (union.isUnion() ? union.types : [union]).map((event) => {
      const member = (key: string) => checker.getTypeOfSymbol(checker.getPropertyOfType(event, key)!);
      const literal = (key: string) => (member(key) as ts.LiteralType).value;
      return { type: String(literal('type')), schemaVersion: Number(literal('schemaVersion')), data: shapeOf(member('data')) };
    });
  });
  return shapes.filter(({ type }, i) => shapes.findIndex((other) => other.type === type) === i);
};

/** Where a value departs from a shape (`data.missions[0].indicators[0].kind: missing`), none when it conforms. */
export const departures = (value: unknown, shape: Shape, path = 'data'): string[] => {
  if (shape === 'string' || shape === 'number' || shape === 'boolean') return typeof value === shape ? [] : [`${path}: not a ${shape}`];
  if (shape === 'null') return value === null ? [] : [`${path}: not null`];
  if ('enum' in shape) return shape.enum.includes(value as string) ? [] : [`${path}: ${JSON.stringify(value)} is not one of ${shape.enum.join(', ')}`];
  if ('array' in shape) return Array.isArray(value) ? value.flatMap((item, i) => departures(item, shape.array, `${path}[${i}]`)) : [`${path}: not a list`];
  if ('oneOf' in shape) return shape.oneOf.some((option) => departures(value, option, path).length === 0) ? [] : [`${path}: matches none of its shapes`];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
  const record = value as Record<string, unknown>;
  const members = Object.entries(shape.object).map(([key, member]) => ({ name: key.replace(/\?$/, ''), optional: key.endsWith('?'), member }));
  return [
    ...members.flatMap(({ name, optional, member }) =>
      record[name] === undefined ? (optional ? [] : [`${path}.${name}: missing`]) : departures(record[name], member, `${path}.${name}`)),
    ...Object.keys(record).filter((key) => !members.some(({ name }) => name === key)).map((key) => `${path}.${key}: not in the shape`),
  ];
};
