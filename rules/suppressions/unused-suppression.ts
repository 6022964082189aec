import { defineRule } from '../../src/core/rule.js';

/**
 * Reported by src/suppressions after the other rules have run, since only then
 * is it known which suppressions were used; it visits no node itself.
 */
export const UNUSED_SUPPRESSION_RULE = defineRule({
  id: 'PIT001',
  name: 'unused-suppression',
  concept: 'suppressions',
  level: 'warning',
  enabledByDefault: false,
  category: 'maintainability',
  precision: 'very-high',
  checksStubs: true,
  message: 'Unused suppression: {reason}; remove it from the comment',
  create: () => ({}),
});

export default UNUSED_SUPPRESSION_RULE;
