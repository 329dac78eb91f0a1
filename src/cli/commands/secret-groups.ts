import type { CliCommand } from '../cli-command.js';

export const secretGroups: CliCommand = {
  name: 'secret-groups',
  summary: 'List secret groups',
  options: {},
  async run(ctx) {
    const groups = await ctx.backend().listSecretGroups(ctx.instance(), { signal: ctx.signal });
    return { secret_groups: groups, total_count: groups.length };
  },
};
