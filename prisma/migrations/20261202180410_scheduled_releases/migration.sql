-- CreateTable
CREATE TABLE "ScheduledRelease" (
    "id" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "reason" TEXT,
    "releaseId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ScheduledRelease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScheduledRelease_status_runAt_idx" ON "ScheduledRelease"("status", "runAt");

-- CreateIndex
CREATE INDEX "ScheduledRelease_promptId_createdAt_idx" ON "ScheduledRelease"("promptId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ScheduledRelease_revisionId_idx" ON "ScheduledRelease"("revisionId");

-- AddForeignKey
ALTER TABLE "ScheduledRelease" ADD CONSTRAINT "ScheduledRelease_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduledRelease" ADD CONSTRAINT "ScheduledRelease_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
