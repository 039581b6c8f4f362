-- CreateTable
CREATE TABLE "ReleaseInclude" (
    "releaseId" TEXT NOT NULL,
    "includedReleaseId" TEXT NOT NULL,
    "direct" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseInclude_pkey" PRIMARY KEY ("releaseId","includedReleaseId")
);

-- CreateIndex
CREATE INDEX "ReleaseInclude_includedReleaseId_idx" ON "ReleaseInclude"("includedReleaseId");

-- AddForeignKey
ALTER TABLE "ReleaseInclude" ADD CONSTRAINT "ReleaseInclude_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseInclude" ADD CONSTRAINT "ReleaseInclude_includedReleaseId_fkey" FOREIGN KEY ("includedReleaseId") REFERENCES "Release"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- A release never changes, including what it includes: the graph is as immutable as the
-- release itself (the workspace purge exception of galley_reject_mutation applies).
CREATE TRIGGER "ReleaseInclude_immutable" BEFORE UPDATE OR DELETE ON "ReleaseInclude"
  FOR EACH ROW EXECUTE FUNCTION galley_reject_mutation();
CREATE TRIGGER "ReleaseInclude_no_truncate" BEFORE TRUNCATE ON "ReleaseInclude"
  FOR EACH STATEMENT EXECUTE FUNCTION galley_reject_mutation();
