/** SCO002's advice fits what the `global` is for: shared state, or a deferred import. */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/scope/global-statement.js';
import { lintWith } from '../helpers.js';

const messages = (source: string) => lintWith([rule], source).findings.map((finding) => finding.message);

describe('SCO002 advice', () => {
  it('calls a global set by imports only a deferred import, which a local import does as well', () => {
    const [message] = messages('np = None\n\n\ndef load():\n    global np\n    import numpy as np\n    from numpy import linalg as np\n');
    expect(message).toContain('through `global` to import it lazily; an `import` inside each function that needs it is just as lazy');
  });

  it('calls anything else shared state, even when an import is among the writes', () => {
    for (const body of ['    global np\n    np = object()\n', '    global np\n    import numpy as np\n    np = None\n', '    global np, total\n    import numpy as np\n    total = 1\n']) {
      expect(messages(`np = total = None\n\n\ndef load():\n${body}`)[0], body).toContain('hidden state every caller shares');
    }
  });
});
