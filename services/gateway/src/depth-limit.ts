import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { type FragmentDefinitionNode, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { limitError } from './errors.ts';

/**
 * Rejects operations nested deeper than `maxDepth` fields (`{ me { id } }` has depth 2), following
 * fragment spreads. Introspection fields (`__schema`, `__type`) are not counted: their type-reference
 * chains are deep by design, and introspection is switched off in production anyway.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }

    const depthOf = (selectionSet: SelectionSetNode, level: number, visiting: Set<string>): number => {
      let deepest = level;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          const depth = selection.selectionSet
            ? depthOf(selection.selectionSet, level + 1, visiting)
            : level + 1;
          deepest = Math.max(deepest, depth);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, level, visiting));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Unknown or cyclic fragments are reported by graphql's own validation rules.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, level, visiting));
          visiting.delete(name);
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          const name = operation.name ? `"${operation.name.value}"` : 'The operation';
          context.reportError(
            limitError(
              `${name} is nested deeper than the maximum depth of ${maxDepth}.`,
              'DEPTH_LIMIT_EXCEEDED',
              {
                nodes: [operation],
                details: { maxDepth },
              },
            ),
          );
        }
      },
    };
  };
}

/** Adds depthLimitRule to the validation of every operation. */
export function useDepthLimit(maxDepth: number): GatewayPlugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimitRule(maxDepth));
    },
  };
}
