-- Line comments on the compare view: a thread anchors to a revision, with or without a review.
-- AlterTable: existing threads anchor to their review's revision.
ALTER TABLE "ReviewThread" ADD COLUMN     "revisionId" TEXT;
UPDATE "ReviewThread" t SET "revisionId" = r."revisionId" FROM "Review" r WHERE r."id" = t."reviewId";
ALTER TABLE "ReviewThread" ALTER COLUMN "revisionId" SET NOT NULL,
ALTER COLUMN "reviewId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "ReviewThread_revisionId_createdAt_idx" ON "ReviewThread"("revisionId", "createdAt");

-- AddForeignKey
ALTER TABLE "ReviewThread" ADD CONSTRAINT "ReviewThread_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewThread" ADD CONSTRAINT "ReviewThread_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
