package store

import "strings"

// ReorgError is a plan change (an amendment, a replacement) the data
// refuses: a task not of the plan, a carry-over to a task of another plan.
// Fields say which. Reorganisations of agencies refuse with
// *agency.ReorgError instead.
type ReorgError struct{ Fields map[string]string }

func (e *ReorgError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for k, v := range e.Fields {
		parts = append(parts, k+": "+v)
	}
	return "store: reorganisation refused: " + strings.Join(parts, "; ")
}
