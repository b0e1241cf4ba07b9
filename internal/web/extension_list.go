package web

import (
	"net/http"

	"tiendo/internal/reporting"
)

// extensionListView is the requests page's data.
type extensionListView struct {
	State  reporting.ExtensionState // "" for every state
	States []reporting.ExtensionState
	Rows   []extensionRow
	Notice string
	Own    bool // an agency's own requests
}

// extensionList lists requests for new deadlines and changed content:
// those waiting for a decision by default (?state= for the others), with
// approve and refuse for the coordinator. Agencies see their own.
func (h *handler) extensionList(w http.ResponseWriter, r *http.Request) error {
	v, err := h.extensionPage(r)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("done") {
	case "approved":
		v.Notice = "Đã chấp thuận đề nghị; nhiệm vụ đã được cập nhật."
	case "refused":
		v.Notice = "Đã không chấp thuận đề nghị; cơ quan sẽ thấy lý do."
	}
	return h.render(w, r, http.StatusOK, "extension_list", extensionPageOf(v))
}

// extensionPage reads the requests the user may see in the asked state.
func (h *handler) extensionPage(r *http.Request) (*extensionListView, error) {
	ctx := r.Context()
	u := userFrom(ctx)
	v := &extensionListView{State: reporting.ExtensionPending,
		States: []reporting.ExtensionState{reporting.ExtensionPending, reporting.ExtensionApproved, reporting.ExtensionRefused}}
	switch s := reporting.ExtensionState(r.URL.Query().Get("state")); s {
	case reporting.ExtensionPending, reporting.ExtensionApproved, reporting.ExtensionRefused:
		v.State = s
	case "all":
		v.State = ""
	}
	list, err := h.app.Extensions(ctx, u, reporting.ExtensionFilter{State: v.State})
	if err != nil {
		return nil, err
	}
	v.Own = u.Role.NeedsAgency()
	if v.Rows, err = h.extensionRows(ctx, u, list, nil); err != nil {
		return nil, err
	}
	return v, nil
}

func extensionPageOf(v *extensionListView) *page {
	return &page{Title: "Đề nghị gia hạn, điều chỉnh", Nav: "extensions", Data: v}
}
