import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { limitError } from './errors.ts';

/**
 * Static limits on what one operation may ask for, checked before any subgraph is called: how many
 * aliases it uses (aliases let one request ask for the same expensive field many times) and what it
 * costs. Introspection fields (`__schema`, `__type`, `__typename`) are not counted.
 */

/** The page size the subgraphs use when `first` is not given (packages/graphql DEFAULT_PAGE_SIZE). */
export const DEFAULT_PAGE_SIZE = 20;

export interface CostOptions {
  /** What an unpaginated list of objects (`channels: [Channel!]!`) is assumed to hold. */
  listSize: number;
}

type Variables = Record<string, unknown>;

/*
 * Types are inspected by shape, not with graphql's isObjectType & co.: those use instanceof, and the
 * schema the gateway executes may come from another copy of the graphql module (ESM beside CJS under a
 * test runner), where instanceof fails.
 */
type FieldsOwner = GraphQLNamedType & { getFields(): Record<string, GraphQLField<unknown, unknown>> };
type Wrapper = { ofType: GraphQLType };

const hasFields = (type: GraphQLNamedType | undefined | null): type is FieldsOwner =>
  !!type && typeof (type as Partial<FieldsOwner>).getFields === 'function' && !('parseValue' in type);
const isComposite = (type: GraphQLNamedType | undefined | null): boolean =>
  hasFields(type) || (!!type && typeof (type as { getTypes?: unknown }).getTypes === 'function');
const unwrap = (type: GraphQLType): GraphQLType => ('ofType' in type ? (type as Wrapper).ofType : type);
const namedTypeOf = (type: GraphQLType): GraphQLNamedType => {
  let inner = type;
  while ('ofType' in inner) inner = (inner as Wrapper).ofType;
  return inner as GraphQLNamedType;
};
/** `[T]`, `[T]!`: the nullable form of the type is a list. */
const isList = (type: GraphQLType): boolean => {
  const nullable = type.constructor.name === 'GraphQLNonNull' ? unwrap(type) : type;
  return nullable.constructor.name === 'GraphQLList';
};

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** The page size a field with a `first` argument asks for: the value given, else the schema default. */
function requestedPageSize(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Variables,
): number | null {
  const definition = field.args.find((argument) => argument.name === 'first');
  if (!definition) return null;
  const given: ValueNode | undefined = node.arguments?.find(
    (argument) => argument.name.value === 'first',
  )?.value;
  let value: unknown = definition.defaultValue;
  if (given?.kind === Kind.INT) value = Number(given.value);
  else if (given?.kind === Kind.VARIABLE && variables[given.name.value] !== undefined) {
    value = variables[given.name.value];
  }
  // A nonsense value (negative, not an integer) is refused by the subgraph; cost it at the default.
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_PAGE_SIZE;
}

/**
 * The static cost of an operation: every field costs 1 plus what is selected under it, multiplied by how
 * many times it is resolved. A field with a `first` argument is resolved `first` times (the value given,
 * else the argument's default); an unpaginated list of objects `listSize` times; the `edges`/`nodes` list
 * of a connection is the page already counted at its parent, so it is not multiplied again. Lists of
 * scalars cost 1. A field unknown to the schema costs 1 (validation reports it).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
  options: CostOptions,
): number {
  const fragments = fragmentsOf(document);

  const costOf = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType,
    visiting: Set<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = hasFields(parent)
          ? (parent.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined)
          : undefined;
        if (!field) {
          total += 1;
          continue;
        }
        const returned = namedTypeOf(field.type);
        const children =
          selection.selectionSet && isComposite(returned)
            ? costOf(selection.selectionSet, returned, visiting)
            : 0;
        const pageSize = requestedPageSize(field, selection, variables);
        const isObjectList = isList(field.type) && isComposite(returned);
        const multiplier =
          pageSize ?? (isObjectList && !parent.name.endsWith('Connection') ? options.listSize : 1);
        total += multiplier * (1 + children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        total += costOf(selection.selectionSet, type && isComposite(type) ? type : parent, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown or cyclic fragments are reported by graphql's own validation rules.
        if (!fragment || visiting.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        visiting.add(name);
        total += costOf(fragment.selectionSet, type && isComposite(type) ? type : parent, visiting);
        visiting.delete(name);
      }
    }
    return total;
  };

  const root = schema.getRootType(operation.operation);
  return root ? costOf(operation.selectionSet, root, new Set()) : 0;
}

/** How many aliased fields the operation uses, following fragment spreads (each spread counts its aliases). */
export function aliasCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const count = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total += 1;
        if (selection.selectionSet) total += count(selection.selectionSet, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue;
        visiting.add(fragment.name.value);
        total += count(fragment.selectionSet, visiting);
        visiting.delete(fragment.name.value);
      }
    }
    return total;
  };
  return count(operation.selectionSet, new Set());
}

/** Rejects, in validation, operations using more than `maxAliases` aliases (`ALIAS_LIMIT_EXCEEDED`). */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const aliases = aliasCount(context.getDocument(), operation);
      if (aliases > maxAliases) {
        const name = operation.name ? `"${operation.name.value}"` : 'The operation';
        context.reportError(
          limitError(
            `${name} uses ${aliases} aliases; at most ${maxAliases} are allowed.`,
            'ALIAS_LIMIT_EXCEEDED',
            {
              nodes: [operation],
              details: { aliases, maxAliases },
            },
          ),
        );
      }
    },
  });
}

export interface QueryLimitsOptions extends CostOptions {
  maxAliases: number;
  maxCost: number;
}

/**
 * The alias limit (a validation rule) and the cost limit. Cost is checked when the operation is about to
 * execute, because `first: $n` needs the variables; it is still before any subgraph is called. A refusal
 * is `COST_LIMIT_EXCEEDED` with the cost and the maximum, HTTP 400.
 */
export function useQueryLimits(options: QueryLimitsOptions): GatewayPlugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(aliasLimitRule(options.maxAliases));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const variables = (args.variableValues ?? {}) as Variables;
      const cost = operationCost(args.schema, args.document, operation, variables, options);
      if (cost <= options.maxCost) return;
      const name = operation.name ? `"${operation.name.value}"` : 'The operation';
      setResultAndStopExecution({
        errors: [
          limitError(
            `${name} costs ${cost}, more than the maximum of ${options.maxCost}: ask for fewer fields or smaller pages (first).`,
            'COST_LIMIT_EXCEEDED',
            { details: { cost, maxCost: options.maxCost }, nodes: [operation] },
          ),
        ],
      });
    },
  };
}
