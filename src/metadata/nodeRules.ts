/**
 * MLMD's rules for writing types and nodes (reference/mlmd.md §2), independent of the SQL:
 * type re-declaration (a retyped property always fails; added properties need canAddFields,
 * omitted ones canOmitFields), property values against the type ("Found unknown property",
 * "Found unmatched property type"), immutable names and type ids, field masks.
 */
import { arrowlineError } from '../errors.js';
import { type NodeType, type Properties, PropertyType, type TypeKind, type Value, valueKind } from './model.js';
import type { StoredNode, StoredType } from './sql/sqliteBackend.js';

export interface PutTypeOptions {
  canAddFields?: boolean;
  canOmitFields?: boolean;
}

export interface TypeChange {
  /** Properties to add to the stored type. */
  add: Record<string, PropertyType>;
}

/** What re-declaring `stored` as `requested` changes, or the ALREADY_EXISTS MLMD answers. */
export function typeChange(kind: TypeKind, stored: StoredType, requested: NodeType, options: PutTypeOptions): TypeChange {
  const want = requested.properties ?? {};
  const add: Record<string, PropertyType> = {};
  for (const [name, type] of Object.entries(want)) {
    const have = stored.properties[name];
    if (have === undefined) add[name] = type;
    else if (have !== type) {
      throw arrowlineError(
        'E_ALREADY_EXISTS',
        `Type already exists with different properties: ${kind} type '${stored.name}' has property '${name}' of type ${PropertyType[have]}, the request declares ${PropertyType[type]}`,
      );
    }
  }
  if (Object.keys(add).length > 0 && !options.canAddFields) {
    throw arrowlineError('E_ALREADY_EXISTS', `Type already exists with different properties: the request adds ${Object.keys(add).join(', ')} to ${kind} type '${stored.name}' (pass canAddFields)`);
  }
  const omitted = Object.keys(stored.properties).filter((n) => !(n in want));
  if (omitted.length > 0 && !options.canOmitFields) {
    throw arrowlineError('E_ALREADY_EXISTS', `Type already exists with different properties: the request omits ${omitted.join(', ')} of ${kind} type '${stored.name}' (pass canOmitFields)`);
  }
  return { add };
}

export function checkTypeDeclaration(kind: TypeKind, t: NodeType): void {
  if (!t || typeof t.name !== 'string' || t.name === '') throw arrowlineError('E_OPTION_INVALID', `No type name is specified for the ${kind} type.`);
  for (const [name, type] of Object.entries(t.properties ?? {})) {
    if (!(type in PropertyType) || type === PropertyType.UNKNOWN) throw arrowlineError('E_OPTION_INVALID', `Property '${name}' of type '${t.name}' has an unknown property type.`);
  }
}

function isEmptyValue(v: Value | undefined): boolean {
  return !v || typeof v !== 'object' || valueKind(v) === PropertyType.UNKNOWN;
}

/** Declared properties must be in the type with the same kind; custom ones need only a value. */
export function checkProperties(type: StoredType, properties: Properties | undefined, customProperties: Properties | undefined): void {
  for (const [name, v] of Object.entries(properties ?? {})) {
    const declared = type.properties[name];
    if (declared === undefined) throw arrowlineError('E_OPTION_INVALID', `Found unknown property: ${name}`);
    if (isEmptyValue(v) || valueKind(v) !== declared) throw arrowlineError('E_OPTION_INVALID', `Found unmatched property type: ${name}`);
  }
  for (const [name, v] of Object.entries(customProperties ?? {})) {
    if (isEmptyValue(v)) throw arrowlineError('E_OPTION_INVALID', `Found unmatched property type: ${name}`);
  }
}

/** The field mask paths MLMD knows for a node kind. */
export function checkFieldMask(paths: readonly string[]): { fields: Set<string>; properties: Set<string>; customProperties: Set<string> } {
  const fields = new Set<string>();
  const properties = new Set<string>();
  const customProperties = new Set<string>();
  for (const p of paths) {
    if (p.startsWith('properties.')) properties.add(p.slice('properties.'.length));
    else if (p.startsWith('custom_properties.')) customProperties.add(p.slice('custom_properties.'.length));
    else if (p !== '') fields.add(p);
  }
  return { fields, properties, customProperties };
}

/** An update may not change the type or a name that is set. */
export function checkUpdate(kind: TypeKind, stored: StoredNode, typeId: number | undefined, name: string | undefined): void {
  if (typeId !== undefined && typeId !== stored.typeId) throw arrowlineError('E_OPTION_INVALID', `The given type_id ${typeId} does not match the stored type_id ${stored.typeId} of ${kind} ${stored.id}.`);
  if (stored.name !== undefined && name !== undefined && name !== stored.name) throw arrowlineError('E_OPTION_INVALID', `Name of ${kind} ${stored.id} is immutable: '${stored.name}' cannot become '${name}'.`);
}
