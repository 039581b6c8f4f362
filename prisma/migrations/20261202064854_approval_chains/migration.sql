-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "approvalStages" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "tagRules" JSONB NOT NULL DEFAULT '[]';
