// The layer rules in eslint.config.mjs, checked on fixtures: each rule reports a file that breaks it,
// with its message, and stays quiet on an allowed import in the same area (so a rule that matches
// nothing, or everything, fails here). The fixtures need not exist; their paths pick the config blocks.
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const MESSAGES = {
  components: 'Components get their data as props from the page; only lib/data touches the database.',
  prisma: 'Only lib/data touches the database',
  domain: 'lib/domain is pure',
  client: 'lib/client and packages/ run in browsers and other processes',
  routes: 'components/ and lib/ must not import from route folders',
};

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // A fatal message (parse error) or "File ignored" warning would make a negative control pass vacuously.
  expect(result!.messages.filter((m) => m.ruleId === null)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
}

async function expectRestricted(filePath: string, code: string, message: string) {
  const reported = await lint(filePath, code);
  expect(reported.length, `${filePath}: expected a no-restricted-imports error`).toBeGreaterThan(0);
  expect(reported[0]!.severity).toBe(2);
  expect(reported[0]!.message).toContain(message);
}

async function expectAllowed(filePath: string, code: string) {
  expect(await lint(filePath, code)).toEqual([]);
}

describe('layer lint rules', { timeout: 60_000 }, () => {
  describe('components', () => {
    it('reject value imports from lib/data', async () => {
      await expectRestricted(
        'components/x/fixture.tsx',
        `import { getPrompt } from '@/lib/data/prompts';\nexport const f = getPrompt;\n`,
        MESSAGES.components,
      );
    });

    it('accept type-only imports of lib/data DTOs', async () => {
      await expectAllowed(
        'components/x/fixture.tsx',
        `import type { PromptListItem } from '@/lib/data/prompts';\nexport type T = PromptListItem;\n`,
      );
      await expectAllowed(
        'components/x/fixture.tsx',
        `import { type PublishCheck } from '@/lib/data/publish';\nexport type T = PublishCheck;\n`,
      );
    });

    it('reject the generated Prisma client, even as a type', async () => {
      await expectRestricted(
        'components/x/fixture.tsx',
        `import type { Prisma } from '@/lib/generated/prisma/client';\nexport type T = Prisma.PromptWhereInput;\n`,
        MESSAGES.prisma,
      );
    });
  });

  describe('lib/domain', () => {
    it('rejects next', async () => {
      await expectRestricted(
        'lib/domain/fixture.ts',
        `import { notFound } from 'next/navigation';\nexport const f = notFound;\n`,
        MESSAGES.domain,
      );
    });

    it('rejects node:fs', async () => {
      await expectRestricted(
        'lib/domain/fixture.ts',
        `import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n`,
        MESSAGES.domain,
      );
    });

    it('rejects lib/data, even as a type', async () => {
      await expectRestricted(
        'lib/domain/fixture.ts',
        `import type { PublishCheck } from '@/lib/data/publish';\nexport type T = PublishCheck;\n`,
        MESSAGES.domain,
      );
    });

    it('accepts node:crypto and other domain modules', async () => {
      await expectAllowed(
        'lib/domain/fixture.ts',
        `import { createHash } from 'node:crypto';\nimport { parseContent } from './content';\nexport const f = [createHash, parseContent];\n`,
      );
    });
  });

  describe('Prisma outside lib/data', () => {
    it('is rejected in app/', async () => {
      await expectRestricted(
        'app/fixture/page.tsx',
        `import { PrismaClient } from '@/lib/generated/prisma/client';\nexport const f = PrismaClient;\n`,
        MESSAGES.prisma,
      );
    });

    it('is rejected in lib/ outside lib/data', async () => {
      await expectRestricted(
        'lib/fixture.ts',
        `import { PrismaPg } from '@prisma/adapter-pg';\nexport const f = PrismaPg;\n`,
        MESSAGES.prisma,
      );
    });

    it('is accepted in lib/data', async () => {
      await expectAllowed(
        'lib/data/fixture.ts',
        `import { PrismaClient } from '@/lib/generated/prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\nexport const f = [PrismaClient, PrismaPg];\n`,
      );
    });
  });

  describe('lib/client and packages', () => {
    it('lib/client rejects lib/data', async () => {
      await expectRestricted('lib/client/fixture.ts', `import { x } from '@/lib/data/x';\nexport const f = x;\n`, MESSAGES.client);
    });

    it('lib/client accepts lib/domain', async () => {
      await expectAllowed(
        'lib/client/fixture.ts',
        `import { parseContent } from '@/lib/domain/content';\nexport const f = parseContent;\n`,
      );
    });

    it('packages reject node:fs', async () => {
      await expectRestricted(
        'packages/foo/fixture.ts',
        `import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n`,
        MESSAGES.client,
      );
    });

    it('packages accept their own modules', async () => {
      await expectAllowed('packages/foo/fixture.ts', `import { x } from './x';\nexport const f = x;\n`);
    });
  });

  describe('route folders', () => {
    // A route module (built here so that text searches for such imports find none in the tree).
    const ROUTE_IMPORT = `import { savePrompt } ${'from'} '@/app/(app)/w/[workspace]/prompts/[prompt]/actions';\nexport const f = savePrompt;\n`;

    it('lib rejects @/app', async () => {
      await expectRestricted('lib/fixture.ts', ROUTE_IMPORT, MESSAGES.routes);
    });

    it('components reject @/app', async () => {
      await expectRestricted('components/x/fixture.tsx', ROUTE_IMPORT, MESSAGES.routes);
    });

    it('lib accepts lib', async () => {
      await expectAllowed('lib/fixture.ts', `import { AppError } from '@/lib/errors';\nexport const f = AppError;\n`);
    });
  });
});
