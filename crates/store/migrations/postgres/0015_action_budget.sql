-- Actions in the budget cycle and the 5.9 tasks they serve (issue 20). Same as
-- migrations/sqlite/0015_action_budget.sql; keep the two in step.
--
-- `budget`: JSON of `plan::Budget` (cost estimate, budget years, funding source, handlingsprogram
-- item, contact person, dated milestones, the topp-10 priority with its decision); `{}` is
-- nothing filled in, which every action stored before this migration reads as.
-- `tasks`: JSON array of the premise task ids (`5.9.2-o1`) the action serves.
-- Every change to either is a row in `action_history`, field by field, like the other fields.
ALTER TABLE actions ADD COLUMN budget TEXT NOT NULL DEFAULT '{}';
ALTER TABLE actions ADD COLUMN tasks TEXT NOT NULL DEFAULT '[]';
