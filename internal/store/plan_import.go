package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// CreatePlanWithAgencies stores a plan draft as CreatePlan does and, in the
// same transaction, first creates the agencies given: the names an import
// found that the register does not know and that the coordinator chose to
// add (`tiendo plan import --create-agencies`, the preview's mapping
// screen). Each task whose LeadName or CooperatingNames is one of the new
// agencies' names (compared without case or diacritics) is assigned to it;
// names not among them leave the task as the import read it. The agencies
// given get their IDs. Nothing is stored when any part fails, an agency
// whose name an agency in existence already has included (ErrDuplicate).
func (s *Store) CreatePlanWithAgencies(ctx context.Context, actor int64, d *plan.Draft, agencies []agency.Agency) (planID int64, err error) {
	defer wrap(&err, "store.CreatePlanWithAgencies(%q, %d agencies)", d.Plan.Code, len(agencies))
	for i := range agencies {
		if agencies[i].Name == "" || !agencies[i].Kind.Valid() {
			return 0, fmt.Errorf("agency %d: name and a valid kind are required", i+1)
		}
	}
	created := slices.Clone(agencies)
	id, err := s.createPlan(ctx, actor, d, created)
	if err == nil {
		copy(agencies, created)
	}
	return id, err
}

// assignNewAgencies inserts the agencies in tx and points the tasks that
// name them (drafts[i].LeadName, CooperatingNames) at them: tasks[i] is the
// copy of drafts[i] about to be inserted.
func (s *Store) assignNewAgencies(ctx context.Context, tx *sql.Tx, actor int64, agencies []agency.Agency, drafts []plan.DraftTask, tasks []plan.Task, at time.Time) error {
	if len(agencies) == 0 {
		return nil
	}
	byName := map[string]int64{}
	for i := range agencies {
		a := &agencies[i]
		normAgency(a)
		if err := s.insertAgency(ctx, tx, actor, a, at); err != nil {
			return fmt.Errorf("agency %q: %w", a.Name, err)
		}
		for _, n := range append([]string{a.Name, a.ShortName}, a.Aliases...) {
			if k := vntext.Fold(n); k != "" {
				byName[k] = a.ID
			}
		}
	}
	for i := range drafts {
		t := &tasks[i]
		// The slices still share the draft's arrays: appending must not
		// write into them, since a failed store leaves the draft as it was.
		t.CooperatingAgencyIDs = slices.Clip(t.CooperatingAgencyIDs)
		t.MentionedAgencyIDs = slices.Clip(t.MentionedAgencyIDs)
		if id := byName[vntext.Fold(drafts[i].LeadName)]; id != 0 && t.LeadAgencyID == 0 {
			t.LeadAgencyID = id
		}
		for _, n := range drafts[i].CooperatingNames {
			if id := byName[vntext.Fold(n)]; id != 0 && id != t.LeadAgencyID && !slices.Contains(t.CooperatingAgencyIDs, id) {
				t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, id)
			}
		}
		for _, id := range append([]int64{t.LeadAgencyID}, t.CooperatingAgencyIDs...) {
			if id != 0 && !slices.Contains(t.MentionedAgencyIDs, id) {
				t.MentionedAgencyIDs = append(t.MentionedAgencyIDs, id)
			}
		}
	}
	return nil
}
