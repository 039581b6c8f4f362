import { describe, expect, it } from 'vitest';
import { cannotMatchColumns } from './empty-load';

describe('cannotMatchColumns', () => {
  it("names the columns of Prisma's relation load with only null keys, and of an empty `in`", () => {
    expect(
      cannotMatchColumns(
        'SELECT "public"."Release"."id", "public"."Release"."version", "public"."Review"."status"::text FROM "public"."Release" WHERE "public"."Release"."id" IN (NULL) OFFSET $1',
        [0],
      ),
    ).toEqual(['id', 'version', 'status']);
    expect(cannotMatchColumns('SELECT "public"."User"."id", "public"."User"."name" FROM "public"."User" WHERE 1=0 OFFSET $1', [0])).toEqual(
      ['id', 'name'],
    );
  });

  it('leaves every other statement to the database', () => {
    const statements: [string, unknown[]][] = [
      ['SELECT "public"."Release"."id" FROM "public"."Release" WHERE "public"."Release"."id" IN ($1) OFFSET $2', ['r1', 0]],
      ['SELECT "public"."Release"."id" FROM "public"."Release" WHERE "public"."Release"."id" IN (NULL, $1) OFFSET $2', ['r1', 0]],
      [
        'SELECT "public"."Release"."id" FROM "public"."Release" WHERE ("public"."Release"."id" IN (NULL) OR "public"."Release"."x" = $1) OFFSET $2',
        ['a', 0],
      ],
      [
        'SELECT "public"."Release"."id" FROM "public"."Release" WHERE "public"."Release"."id" IN (NULL) ORDER BY "public"."Release"."id" OFFSET $1',
        [0],
      ],
      ['SELECT count(*) FROM "public"."Release" WHERE 1=0 OFFSET $1', [0]],
      ['SELECT "public"."Release"."id" FROM "public"."Release" WHERE 1=0 OFFSET $1', []],
      ['UPDATE "public"."Release" SET "note" = $1 WHERE 1=0', ['x']],
    ];
    for (const [sql, params] of statements) expect(cannotMatchColumns(sql, params), sql).toBeNull();
  });
});
