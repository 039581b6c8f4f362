-- Revisions, releases and audit events are immutable: the database refuses UPDATE,
-- DELETE and TRUNCATE on them, whatever the code does.
--
-- Deliberate exception: purging a whole workspace. A transaction that first runs
--   SELECT set_config('galley.purge', 'on', true);
-- may DELETE rows (the workspace's cascade reaches them). UPDATE is never allowed.

CREATE OR REPLACE FUNCTION galley_reject_mutation() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('galley.purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'galley: "%" rows are immutable; % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'GY001', HINT = 'Append a new row instead.';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Revision_immutable" BEFORE UPDATE OR DELETE ON "Revision"
  FOR EACH ROW EXECUTE FUNCTION galley_reject_mutation();
CREATE TRIGGER "Revision_no_truncate" BEFORE TRUNCATE ON "Revision"
  FOR EACH STATEMENT EXECUTE FUNCTION galley_reject_mutation();

CREATE TRIGGER "Release_immutable" BEFORE UPDATE OR DELETE ON "Release"
  FOR EACH ROW EXECUTE FUNCTION galley_reject_mutation();
CREATE TRIGGER "Release_no_truncate" BEFORE TRUNCATE ON "Release"
  FOR EACH STATEMENT EXECUTE FUNCTION galley_reject_mutation();

CREATE TRIGGER "AuditEvent_immutable" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION galley_reject_mutation();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION galley_reject_mutation();
