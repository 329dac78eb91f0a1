#!/usr/bin/env node
// Placeholder: import-cycle and layering check arrives with the runtime issue.
