/**
 * A small JSON Schema (2020-12 subset) checker for the OpenAPI document's
 * schemas: type (incl. type arrays for null), const, enum, pattern,
 * minLength/maxLength, minimum/maximum, minItems, required, properties,
 * additionalProperties (false or a schema), items, anyOf/oneOf and local
 * $ref. Any other keyword is reported, so the document cannot silently rely
 * on something this checker ignores. Returns the problems found; [] = valid.
 */

type Schema = Record<string, unknown>;

const SUPPORTED = new Set([
  "type",
  "const",
  "enum",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "minItems",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "anyOf",
  "oneOf",
  "$ref",
  "description",
  "format",
  "default",
  "example",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function checkAgainstSchema(document: Schema, schema: Schema, value: unknown, path = "$"): string[] {
  const problems: string[] = [];
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED.has(keyword)) problems.push(`${path}: schema keyword ${keyword} is not supported by the checker`);
  }
  if (typeof schema.$ref === "string") {
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, part) => (node as Schema | undefined)?.[part], document);
    if (!target) return [...problems, `${path}: unresolved $ref ${schema.$ref}`];
    return [...problems, ...checkAgainstSchema(document, target as Schema, value, path)];
  }
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const options = schema[keyword] as Schema[] | undefined;
    if (!options) continue;
    const passing = options.filter((option) => checkAgainstSchema(document, option, value, path).length === 0).length;
    if (keyword === "anyOf" ? passing === 0 : passing !== 1) problems.push(`${path}: matches ${passing} of ${keyword}`);
  }
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === "integer" && allowed.includes("number"))) {
      return [...problems, `${path}: expected ${allowed.join("|")}, got ${actual}`];
    }
  }
  if ("const" in schema && value !== schema.const) problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
      problems.push(`${path}: "${value}" does not match ${schema.pattern}`);
    }
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength)
      problems.push(`${path}: too short`);
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength)
      problems.push(`${path}: too long`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) problems.push(`${path}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) problems.push(`${path}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) problems.push(`${path}: too few items`);
    if (schema.items) {
      value.forEach((element, index) => {
        problems.push(...checkAgainstSchema(document, schema.items as Schema, element, `${path}[${index}]`));
      });
    }
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in object)) problems.push(`${path}: missing required ${name}`);
    }
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [name, property] of Object.entries(object)) {
      const propertySchema = properties[name];
      if (propertySchema) problems.push(...checkAgainstSchema(document, propertySchema, property, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property ${name}`);
      else if (typeof schema.additionalProperties === "object") {
        problems.push(
          ...checkAgainstSchema(document, schema.additionalProperties as Schema, property, `${path}.${name}`),
        );
      }
    }
  }
  return problems;
}
