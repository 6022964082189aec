import { defineRule } from '../../src/core/rule.js';

/**
 * Reported by the engine itself for each region tree-sitter could not parse;
 * other rules never see the inside of such a region.
 */
export const SYNTAX_ERROR_RULE = defineRule({
  id: 'SYN001',
  name: 'syntax-error',
  concept: 'syntax',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  checksStubs: true,
  message: '{detail}; other rules skip this region',
  create: () => ({}),
});

export default SYNTAX_ERROR_RULE;
